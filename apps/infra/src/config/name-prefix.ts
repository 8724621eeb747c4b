import { type NameKind, nameRules } from '@genagent-connect/constructs';

/**
 * The generated names closest to their AWS limits, as `<prefix>-<component>`: the prompt-audio
 * bucket's `bucket_prefix` (`<prefix>-prompts-`; S3 appends 26 characters), the Valkey replication
 * group id, and the longest function and role names.
 */
const tightestNames: readonly (readonly [NameKind, string])[] = [
  ['s3BucketPrefix', 'prompts-'],
  ['elasticacheReplicationGroup', 'valkey'],
  ['lambdaFunction', 'call-transfer'],
  ['iamRole', 'call-transfer'],
  ['iamRole', 'asapp-access'],
];

/** The longest name prefix for which every generated name fits its AWS limit. */
export const maxNamePrefixLength = Math.min(
  ...tightestNames.map(([kind, component]) => nameRules[kind].maxLength - '-'.length - component.length),
);
