import type { AsappClient } from '@genagent-connect/asapp-client';
import { describeAsappFailure, loggedRetries } from '../asapp';
import { contactIdForLogs, parseConnectEvent } from '../connect-event';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger, maskPhoneNumber } from '../logging';
import { ASAPP_OUTCOME_METRICS } from '../metrics/catalog';
import type { HandlerMetrics } from '../metrics/handler-metrics';
import { buildCallTransferInput } from './call-transfer-input';

/** call-transfer → flow; `result` is "ok" (not "success"), as in seed 000. */
export interface CallTransferResponse {
  readonly result: 'ok' | 'error';
  /** `""` on success. */
  readonly error: string;
  /** E.164 number for the flow's transfer block; `""` on error. */
  readonly transferNumber: string;
}

export interface CallTransferHandlerDependencies {
  readonly asappClient: Pick<AsappClient, 'createCallTransfer'>;
  /** Default: a Powertools logger for `call-transfer`. */
  readonly logger?: Logger;
  /** Default: none (callTransferHandlerFromEnvironment passes the function's EMF metrics). */
  readonly metrics?: HandlerMetrics;
}

export function callTransferFailed(error: string): CallTransferResponse {
  return { result: 'error', error, transferNumber: '' };
}

/** PSTN mode: asks ASAPP for a temporary number the flow transfers the call to. */
export function createCallTransferHandler(
  dependencies: CallTransferHandlerDependencies,
): LambdaHandler<CallTransferResponse> {
  const { asappClient, metrics } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('call-transfer');
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    errorResponse: callTransferFailed,
    metrics,
    failureMetrics: [ASAPP_OUTCOME_METRICS.configuration],
    async handle(event, log) {
      const built = buildCallTransferInput(event);
      if (!built.ok) {
        log.error('call transfer refused', { errorMessage: built.errorMessage });
        metrics?.count(ASAPP_OUTCOME_METRICS.configuration);
        return callTransferFailed(built.errorMessage);
      }
      const { input, customer } = built;
      const { customerId: _customerId, ...otherVariables } = input.inputVariables;
      if (customer.source === 'none') {
        log.info('no customer id: the caller id is withheld or missing and no customerId parameter was passed; transferring without one');
      }
      log.info('creating call transfer', {
        taskName: input.taskName,
        customerId: customer.customerId && maskPhoneNumber(customer.customerId),
        customerIdSource: customer.source,
        inputVariableNames: Object.keys(otherVariables),
      });
      try {
        const transfer = await asappClient.createCallTransfer(input, loggedRetries(log));
        const { transferNumber, expiresAt } = transfer.phoneNumber;
        log.info('call transfer created', { transferNumber: maskPhoneNumber(transferNumber), expiresAt });
        metrics?.count(ASAPP_OUTCOME_METRICS.success);
        return { result: 'ok', error: '', transferNumber };
      } catch (error) {
        const failure = describeAsappFailure(error);
        log.error('call transfer failed', { ...failure });
        metrics?.count(ASAPP_OUTCOME_METRICS[failure.outcome]);
        return callTransferFailed(failure.errorMessage);
      }
    },
  });
}
