import { callContextHandlerFromEnvironment } from '../call-context/call-context-from-environment';

export const handler = callContextHandlerFromEnvironment();
