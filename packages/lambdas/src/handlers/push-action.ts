import { pushActionHandlerFromEnvironment } from '../push-action/push-action-from-environment';

export const handler = pushActionHandlerFromEnvironment();
