import { callTransferHandlerFromEnvironment } from '../call-transfer/call-transfer-from-environment';

export const handler = callTransferHandlerFromEnvironment();
