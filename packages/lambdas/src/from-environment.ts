import type { LambdaName } from './bundles';
import { callContextHandlerFromEnvironment } from './call-context/call-context-from-environment';
import { callTransferHandlerFromEnvironment } from './call-transfer/call-transfer-from-environment';
import { engageHandlerFromEnvironment } from './engage/engage-from-environment';
import type { EnvironmentOptions } from './environment-options';
import type { LambdaHandler } from './lambda-handler';
import { pullActionHandlerFromEnvironment } from './pull-action/pull-action-from-environment';
import { pushActionHandlerFromEnvironment } from './push-action/push-action-from-environment';

// Not imported by the handler files: each of those imports only its own wiring, so each bundle carries only its code.

const handlersFromEnvironment: Record<LambdaName, (options: EnvironmentOptions) => LambdaHandler<unknown>> = {
  engage: engageHandlerFromEnvironment,
  'pull-action': pullActionHandlerFromEnvironment,
  'push-action': pushActionHandlerFromEnvironment,
  'call-transfer': callTransferHandlerFromEnvironment,
  'call-context': callContextHandlerFromEnvironment,
};

/** Any of the five handlers wired as in Lambda (e.g. for the sandbox's "as deployed" mode). */
export function handlerFromEnvironment(name: LambdaName, options: EnvironmentOptions = {}): LambdaHandler<unknown> {
  return handlersFromEnvironment[name](options);
}

export {
  callContextHandlerFromEnvironment,
  callTransferHandlerFromEnvironment,
  engageHandlerFromEnvironment,
  pullActionHandlerFromEnvironment,
  pushActionHandlerFromEnvironment,
};
