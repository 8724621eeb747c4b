/** Valkey could not be reached in time; PushAction/PullAction report it as "error connecting to Valkey - …". */
export class ValkeyUnavailableError extends Error {
  override readonly name = 'ValkeyUnavailableError';
  /**
   * The command had been sent when the connection timed out or dropped, so it may have run: a write's outcome is
   * unknown. False when no usable connection was had (nothing was sent).
   */
  readonly commandSent: boolean;

  constructor(message: string, options?: ErrorOptions & { readonly commandSent?: boolean }) {
    super(message, options);
    this.commandSent = options?.commandSent ?? false;
  }
}

/**
 * Valkey refused a write because it reached `maxmemory` and its policy (noeviction, as a queue needs) evicts nothing.
 * A refused transaction is discarded whole, so nothing of it was written.
 */
export class ValkeyOutOfMemoryError extends Error {
  override readonly name = 'ValkeyOutOfMemoryError';

  constructor(options?: ErrorOptions) {
    super('Valkey is out of memory (maxmemory reached)', options);
  }
}

/**
 * A queue entry that is not valid JSON or fails the action schema. It has already been popped, so the next pull
 * moves on; surfacing it (rather than skipping it) makes a bad writer visible instead of silently losing actions.
 */
export class InvalidStoredActionError extends Error {
  override readonly name = 'InvalidStoredActionError';

  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`invalid action stored in ${key}: ${reason}`);
  }
}

/** ActionQueue.push was given something that is not a valid action (an unknown one included); nothing was stored. */
export class InvalidActionError extends Error {
  override readonly name = 'InvalidActionError';
}
