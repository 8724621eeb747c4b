/** Valkey could not be reached in time; PushAction/PullAction report it as "error connecting to Valkey - …". */
export class ValkeyUnavailableError extends Error {
  override readonly name = 'ValkeyUnavailableError';
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
