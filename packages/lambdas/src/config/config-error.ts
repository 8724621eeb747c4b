/**
 * A Lambda environment variable is missing or malformed. The message names the variable (with the path inside JSON
 * values, e.g. `SSML_CONVERSIONS[1].searchFor`) and says what a valid value looks like, so the fix is one edit away.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** The variable, with the path inside its JSON value when the problem is nested. */
    readonly variable: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`invalid environment variable ${variable}: ${problem}. Fix: ${fix}`);
  }
}
