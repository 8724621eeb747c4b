import type { AsappClient } from '@genagent-connect/asapp-client';
import { describeAsappFailure, loggedRetries } from '../asapp';
import type { EngageConfig } from '../config/engage-config';
import { contactIdForLogs, parseConnectEvent } from '../connect-event';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger, maskPhoneNumber } from '../logging';
import { ASAPP_OUTCOME_METRICS } from '../metrics/catalog';
import type { HandlerMetrics } from '../metrics/handler-metrics';
import { buildEngageInput } from './engage-input';
import { type EngageResponse, engageFailed, engageRefused, engageSucceeded } from './engage-response';

export interface EngageHandlerDependencies {
  readonly config: EngageConfig;
  readonly asappClient: Pick<AsappClient, 'engage'>;
  /** Default: a Powertools logger for `engage`. */
  readonly logger?: Logger;
  /** Default: none (engageHandlerFromEnvironment passes the function's EMF metrics). */
  readonly metrics?: HandlerMetrics;
}

/** Connect flow event → ASAPP engage → `{result, asappStatusCode, asappErrorResponse, errorMessage}`. */
export function createEngageHandler(dependencies: EngageHandlerDependencies): LambdaHandler<EngageResponse> {
  const { config, asappClient, metrics } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('engage');
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    errorResponse: engageRefused,
    metrics,
    failureMetrics: [ASAPP_OUTCOME_METRICS.configuration],
    async handle(event, log) {
      const built = buildEngageInput(event, config.attributesToInputVariables);
      if (!built.ok) {
        log.error('engage refused', { errorMessage: built.errorMessage });
        metrics?.count(ASAPP_OUTCOME_METRICS.configuration);
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
        metrics?.count(ASAPP_OUTCOME_METRICS.success);
        return engageSucceeded(status);
      } catch (error) {
        const failure = describeAsappFailure(error);
        log.error('engage failed', { ...failure });
        metrics?.count(ASAPP_OUTCOME_METRICS[failure.outcome]);
        return engageFailed(failure);
      }
    },
  });
}
