import { parsePullActionConfig } from '../config/pull-action-config';
import { parseValkeyConfig } from '../config/valkey-config';
import { contactIdOfRawEvent } from '../connect-event';
import type { EnvironmentOptions } from '../environment-options';
import { deferredHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger } from '../logging';
import { createHandlerMetrics } from '../metrics/handler-metrics';
import { traced, tracerFor } from '../tracing/tracing';
import { createActionQueueFromConfig } from '../valkey';
import { createPullActionHandler, PULL_ACTION_FAILURE_METRICS } from './pull-action-handler';
import { type PullActionResponse, pullActionError } from './pull-action-response';

export function pullActionHandlerFromEnvironment(options: EnvironmentOptions = {}): LambdaHandler<PullActionResponse> {
  const environment = options.environment ?? process.env;
  const logger = createLambdaLogger('pull-action');
  const metrics = createHandlerMetrics('pull-action', { environment });
  return deferredHandler({
    logger,
    metrics,
    failureMetrics: PULL_ACTION_FAILURE_METRICS,
    contactIdOf: contactIdOfRawEvent,
    // When the configuration is what failed, the pull mode is unknown; poll is the module's default.
    errorResponse: (errorMessage) => pullActionError(errorMessage, { pullMode: 'poll' }),
    setup: () =>
      createPullActionHandler({
        config: parsePullActionConfig(environment),
        queue: traced(
          createActionQueueFromConfig(parseValkeyConfig(environment), 'pull-action', options.readSecret).queue,
          tracerFor('pull-action', environment),
          'Valkey',
          ['pull', 'pullReliably', 'nextProcessingCue', 'observeActivity', 'markActive'],
        ),
        logger,
        metrics,
      }),
  });
}
