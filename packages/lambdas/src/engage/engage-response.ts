import type { AsappErrorResponse, AsappFailure } from '../asapp';

/** engage → flow (ResponseType JSON), as ASAPP's module reads it. */
export interface EngageResponse {
  readonly result: 'success' | 'error';
  /** 0 when there was no HTTP response. */
  readonly asappStatusCode: number;
  /** `{requestId, code, message}` (each null when ASAPP's error body lacked it), or null without such a body. */
  readonly asappErrorResponse: AsappErrorResponse | null;
  /** `""` on success. */
  readonly errorMessage: string;
}

export function engageSucceeded(status: number): EngageResponse {
  return { result: 'success', asappStatusCode: status, asappErrorResponse: null, errorMessage: '' };
}

export function engageFailed(failure: Omit<AsappFailure, 'outcome'>): EngageResponse {
  return {
    result: 'error',
    asappStatusCode: failure.statusCode,
    asappErrorResponse: failure.asappError,
    errorMessage: failure.errorMessage,
  };
}

/** Refused before any request was sent. */
export function engageRefused(errorMessage: string): EngageResponse {
  return engageFailed({ statusCode: 0, asappError: null, errorMessage, attempts: 0 });
}
