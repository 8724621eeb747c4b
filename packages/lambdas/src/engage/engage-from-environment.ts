import { createAsappClientFromConfig } from '../asapp';
import { traced, tracerFor } from '../tracing/tracing';
import { parseAsappConfig } from '../config/asapp-config';
import { parseEngageConfig } from '../config/engage-config';
import { contactIdOfRawEvent } from '../connect-event';
import type { EnvironmentOptions } from '../environment-options';
import { deferredHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger } from '../logging';
import { createHandlerMetrics } from '../metrics/handler-metrics';
import { createEngageHandler } from './engage-handler';
import { type EngageResponse, engageRefused } from './engage-response';

export function engageHandlerFromEnvironment(options: EnvironmentOptions = {}): LambdaHandler<EngageResponse> {
  const environment = options.environment ?? process.env;
  const logger = createLambdaLogger('engage');
  const metrics = createHandlerMetrics('engage', { environment });
  return deferredHandler({
    logger,
    metrics,
    contactIdOf: contactIdOfRawEvent,
    errorResponse: engageRefused,
    setup: () =>
      createEngageHandler({
        config: parseEngageConfig(environment),
        asappClient: traced(
          createAsappClientFromConfig(parseAsappConfig(environment), options.readSecret),
          tracerFor('engage', environment),
          'ASAPP',
          ['engage'],
        ),
        logger,
        metrics,
      }),
  });
}
