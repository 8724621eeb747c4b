import { createAsappClientFromConfig } from '../asapp';
import { traced, tracerFor } from '../tracing/tracing';
import { parseAsappConfig } from '../config/asapp-config';
import { contactIdOfRawEvent } from '../connect-event';
import type { EnvironmentOptions } from '../environment-options';
import { deferredHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger } from '../logging';
import { createHandlerMetrics } from '../metrics/handler-metrics';
import { type CallContextResponse, callContextFailed, createCallContextHandler } from './call-context-handler';

export function callContextHandlerFromEnvironment(options: EnvironmentOptions = {}): LambdaHandler<CallContextResponse> {
  const environment = options.environment ?? process.env;
  const logger = createLambdaLogger('call-context');
  const metrics = createHandlerMetrics('call-context', { environment });
  return deferredHandler({
    logger,
    metrics,
    contactIdOf: contactIdOfRawEvent,
    errorResponse: callContextFailed,
    setup: () =>
      createCallContextHandler({
        asappClient: traced(
          createAsappClientFromConfig(parseAsappConfig(environment), options.readSecret),
          tracerFor('call-context', environment),
          'ASAPP',
          ['getCallTransfer'],
        ),
        logger,
        metrics,
      }),
  });
}
