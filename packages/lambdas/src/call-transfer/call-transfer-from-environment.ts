import { createAsappClientFromConfig } from '../asapp';
import { traced, tracerFor } from '../tracing/tracing';
import { parseAsappConfig } from '../config/asapp-config';
import { contactIdOfRawEvent } from '../connect-event';
import type { EnvironmentOptions } from '../environment-options';
import { deferredHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger } from '../logging';
import { createHandlerMetrics } from '../metrics/handler-metrics';
import { type CallTransferResponse, callTransferFailed, createCallTransferHandler } from './call-transfer-handler';

export function callTransferHandlerFromEnvironment(
  options: EnvironmentOptions = {},
): LambdaHandler<CallTransferResponse> {
  const environment = options.environment ?? process.env;
  const logger = createLambdaLogger('call-transfer');
  const metrics = createHandlerMetrics('call-transfer', { environment });
  return deferredHandler({
    logger,
    metrics,
    contactIdOf: contactIdOfRawEvent,
    errorResponse: callTransferFailed,
    setup: () =>
      createCallTransferHandler({
        asappClient: traced(
          createAsappClientFromConfig(parseAsappConfig(environment), options.readSecret),
          tracerFor('call-transfer', environment),
          'ASAPP',
          ['createCallTransfer'],
        ),
        logger,
        metrics,
      }),
  });
}
