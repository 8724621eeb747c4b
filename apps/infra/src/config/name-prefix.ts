/**
 * The longest name the stack generates is the prompt-audio bucket's `bucket_prefix`
 * `<prefix>-prompt-audio-` (S3 adds a 26-character suffix to reach its 63-character limit), so the
 * prefix gets 37 - "-prompt-audio".length characters.
 */
export const maxNamePrefixLength = 24;
