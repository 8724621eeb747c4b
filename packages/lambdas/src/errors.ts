/** An error's message, for responses and logs (our clients' messages never carry a secret). */
export function errorMessageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
