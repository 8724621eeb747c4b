import { pullActionHandlerFromEnvironment } from '../pull-action/pull-action-from-environment';

export const handler = pullActionHandlerFromEnvironment();
