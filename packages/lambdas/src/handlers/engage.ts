import { engageHandlerFromEnvironment } from '../engage/engage-from-environment';

export const handler = engageHandlerFromEnvironment();
