import { parseValkeyConfig } from '../config/valkey-config';
import type { EnvironmentOptions } from '../environment-options';
import { deferredHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger } from '../logging';
import { createHandlerMetrics } from '../metrics/handler-metrics';
import { traced, tracerFor } from '../tracing/tracing';
import { createActionQueueFromConfig } from '../valkey';
import { createPushActionHandler, guidForLogs, type PushActionResponse, pushFailed } from './push-action-handler';

export function pushActionHandlerFromEnvironment(options: EnvironmentOptions = {}): LambdaHandler<PushActionResponse> {
  const environment = options.environment ?? process.env;
  const logger = createLambdaLogger('push-action');
  const metrics = createHandlerMetrics('push-action', { environment });
  return deferredHandler({
    logger,
    metrics,
    contactIdOf: (rawEvent) => guidForLogs(undefined, rawEvent),
    errorResponse: pushFailed,
    setup: () =>
      createPushActionHandler({
        queue: traced(
          createActionQueueFromConfig(parseValkeyConfig(environment), 'push-action', options.readSecret).queue,
          tracerFor('push-action', environment),
          'Valkey',
          ['push'],
        ),
        logger,
        metrics,
      }),
  });
}
