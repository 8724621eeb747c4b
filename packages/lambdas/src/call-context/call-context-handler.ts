import type { AsappClient } from '@genagent-connect/asapp-client';
import { describeAsappFailure, loggedRetries } from '../asapp';
import { type ConnectEvent, contactIdForLogs, contactIdOf, parseConnectEvent } from '../connect-event';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger } from '../logging';
import { ASAPP_OUTCOME_METRICS, CONVERSATION_END_METRICS } from '../metrics/catalog';
import type { HandlerMetrics } from '../metrics/handler-metrics';

/** call-context → flow: GenerativeAgent's output context flattened, so the flow reads `$.External.transferType`. */
export interface CallContextResponse {
  readonly result: 'ok' | 'error';
  /** `""` on success. */
  readonly error: string;
  /** `SYSTEM` or `AGENT` as ASAPP documents it (any other value is passed on); `""` on error or when ASAPP sent none. */
  readonly transferType: string;
  /** `""` on error or when ASAPP sent none. */
  readonly currentTaskName: string;
  readonly referenceVariables: Readonly<Record<string, unknown>>;
  readonly transferVariables: Readonly<Record<string, unknown>>;
}

export interface CallContextHandlerDependencies {
  readonly asappClient: Pick<AsappClient, 'getCallTransfer'>;
  /** Default: a Powertools logger for `call-context`. */
  readonly logger?: Logger;
  /** Default: none (callContextHandlerFromEnvironment passes the function's EMF metrics). */
  readonly metrics?: HandlerMetrics;
}

export function callContextFailed(error: string): CallContextResponse {
  return { result: 'error', error, transferType: '', currentTaskName: '', referenceVariables: {}, transferVariables: {} };
}

/** The call transfer's id is the parameter `contactId` when the flow maps one (seed 000), else the ContactId. */
function callTransferIdOf(event: ConnectEvent): string | undefined {
  return event.Details.Parameters.contactId || contactIdOf(event);
}

/** PSTN mode, after GenerativeAgent hands the call back: reads the call transfer's output context. */
export function createCallContextHandler(dependencies: CallContextHandlerDependencies): LambdaHandler<CallContextResponse> {
  const { asappClient, metrics } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('call-context');
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    errorResponse: callContextFailed,
    metrics,
    failureMetrics: [ASAPP_OUTCOME_METRICS.configuration],
    async handle(event, log) {
      const id = callTransferIdOf(event);
      if (!id) {
        const errorMessage = 'missing Details.ContactData.ContactId';
        log.error('call context refused', { errorMessage });
        metrics?.count(ASAPP_OUTCOME_METRICS.configuration);
        return callContextFailed(errorMessage);
      }
      try {
        const transfer = await asappClient.getCallTransfer(id, loggedRetries(log));
        const { outputContext } = transfer;
        // As in ASAPP's own Lambda, outputContext is all that is required; its fields default to empty.
        if (!outputContext) {
          const status = transfer.status ? `call transfer status ${transfer.status}` : 'no call transfer status';
          const errorMessage = `output context not found in ASAPP API response (${status})`;
          log.error('call context missing', { errorMessage, outcome: 'invalidResponse' });
          metrics?.count(ASAPP_OUTCOME_METRICS.invalidResponse);
          return callContextFailed(errorMessage);
        }
        log.info('call context read', {
          status: transfer.status,
          transferType: outputContext.transferType,
          currentTaskName: outputContext.currentTaskName,
        });
        metrics?.count(ASAPP_OUTCOME_METRICS.success);
        // How the PSTN leg left GenerativeAgent; another transferType says nothing the conversation metrics know.
        if (outputContext.transferType === 'AGENT') metrics?.count(CONVERSATION_END_METRICS.transferToAgent);
        if (outputContext.transferType === 'SYSTEM') metrics?.count(CONVERSATION_END_METRICS.transferToSystem);
        return {
          result: 'ok',
          error: '',
          transferType: outputContext.transferType ?? '',
          currentTaskName: outputContext.currentTaskName ?? '',
          referenceVariables: outputContext.referenceVariables ?? {},
          transferVariables: outputContext.transferVariables ?? {},
        };
      } catch (error) {
        const failure = describeAsappFailure(error);
        log.error('call context failed', { ...failure });
        metrics?.count(ASAPP_OUTCOME_METRICS[failure.outcome]);
        return callContextFailed(failure.errorMessage);
      }
    },
  });
}
