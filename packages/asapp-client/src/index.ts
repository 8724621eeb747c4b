export {
  AsappClient,
  BODY_EXCERPT_LENGTH,
  type AsappClientOptions,
  type AsappCredentialsSource,
  type CreateCallTransferInput,
  type EngageInput,
  type EngageResult,
  type RequestOptions,
} from './client';
export {
  AsappApiError,
  AsappClientError,
  type AsappClientErrorKind,
  AsappInvalidResponseError,
  AsappNetworkError,
  type AsappOperation,
  AsappTimeoutError,
} from './errors';
export { asappHostSchema, normalizeAsappHost } from './host';
export { asappCredentialsSchema } from './schemas';
export type {
  AsappCredentials,
  AsappErrorDetail,
  CallTransfer,
  CallTransferStatus,
  CreatedCallTransfer,
  InputVariables,
  OutputContext,
} from './schemas';
