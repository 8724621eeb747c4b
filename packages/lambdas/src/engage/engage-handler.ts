import type { AsappClient } from '@genagent-connect/asapp-client';
import { describeAsappFailure, loggedRetries } from '../asapp';
import type { EngageConfig } from '../config/engage-config';
import { contactIdForLogs, parseConnectEvent } from '../connect-event';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger, maskPhoneNumber } from '../logging';
import { buildEngageInput } from './engage-input';
import { type EngageResponse, engageFailed, engageRefused, engageSucceeded } from './engage-response';

export interface EngageHandlerDependencies {
  readonly config: EngageConfig;
  readonly asappClient: Pick<AsappClient, 'engage'>;
  /** Default: a Powertools logger for `engage`. */
  readonly logger?: Logger;
}

/** Connect flow event → ASAPP engage → `{result, asappStatusCode, asappErrorResponse, errorMessage}`. */
export function createEngageHandler(dependencies: EngageHandlerDependencies): LambdaHandler<EngageResponse> {
  const { config, asappClient } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('engage');
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    errorResponse: engageRefused,
    async handle(event, log) {
      const built = buildEngageInput(event, config.attributesToInputVariables);
      if (!built.ok) {
        log.error('engage refused', { errorMessage: built.errorMessage });
        return engageRefused(built.errorMessage);
      }
      const { input, customer } = built;
      if (customer.source === 'none') {
        log.info('no customer id: the caller id is withheld or missing and no customerId parameter was passed; engaging without one');
      }
      log.info('engaging GenerativeAgent', {
        customerId: customer.customerId && maskPhoneNumber(customer.customerId),
        customerIdSource: customer.source,
        inputVariableNames: Object.keys(input.inputVariables),
      });
      try {
        const { status } = await asappClient.engage(input, loggedRetries(log));
        log.info('engaged', { asappStatusCode: status });
        return engageSucceeded(status);
      } catch (error) {
        const failure = describeAsappFailure(error);
        log.error('engage failed', { ...failure });
        return engageFailed(failure);
      }
    },
  });
}
