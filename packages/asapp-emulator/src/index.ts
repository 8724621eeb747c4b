export type { CallTransfer, CallTransferStatus } from './call-transfers';
export {
  type AsappEmulator,
  type AsappEmulatorOptions,
  type EmulatorCredentials,
  type EndpointBehaviour,
  type EngageListener,
  type RecordedRequest,
  startAsappEmulator,
} from './emulator';
export type { AsappErrorBody } from './handlers';
export type { AsappEndpoint } from './routes';
export type { CreateCallTransferRequest, EngageRequest, OutputContext, OutputContextInput } from './schemas';
