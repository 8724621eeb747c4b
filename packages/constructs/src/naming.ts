import { Token } from 'cdktf';

interface NameRule {
  /** AWS's maximum length for this kind of name. */
  readonly maxLength: number;
  /** Characters (and shape) AWS accepts. */
  readonly pattern: RegExp;
  /** Human wording of `pattern`, used in error messages. */
  readonly allowed: string;
}

const alphanumericDashUnderscore = {
  pattern: /^[A-Za-z0-9_-]+$/,
  allowed: 'letters, digits, "-" and "_"',
};
const iamName = { pattern: /^[\w+=,.@-]+$/, allowed: 'letters, digits and "+=,.@-_"' };

/**
 * AWS name limits for every kind of name the constructs generate. ElastiCache and S3 names are
 * lower-case only: AWS lower-cases them on create, which would show up as a diff on every plan.
 */
export const nameRules = {
  lambdaFunction: { maxLength: 64, ...alphanumericDashUnderscore },
  iamRole: { maxLength: 64, ...iamName },
  iamPolicy: { maxLength: 128, ...iamName },
  elasticacheReplicationGroup: {
    maxLength: 40,
    pattern: /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
    allowed: 'lower-case letters, digits and single "-", starting with a letter, not ending with "-"',
  },
  elasticacheParameterGroup: {
    maxLength: 255,
    pattern: /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
    allowed: 'lower-case letters, digits and single "-", starting with a letter, not ending with "-"',
  },
  elasticacheSubnetGroup: {
    maxLength: 255,
    pattern: /^[a-z0-9-]+$/,
    allowed: 'lower-case letters, digits and "-"',
  },
  securityGroup: { maxLength: 255, pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, allowed: 'ASCII letters, digits and ._-:/()#,@[]+=&;{}!$*' },
  secretsManagerSecret: { maxLength: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, allowed: 'letters, digits and "/_+=.@-"' },
  /** `bucket_prefix`: S3 appends a 26-character unique suffix to reach its 63-character limit. */
  s3BucketPrefix: {
    maxLength: 37,
    pattern: /^[a-z0-9][a-z0-9-]*$/,
    allowed: 'lower-case letters, digits and "-", starting with a letter or digit',
  },
  cloudwatchAlarm: { maxLength: 255, pattern: /^[\x20-\x7e]+$/, allowed: 'printable ASCII' },
  cloudwatchDashboard: { maxLength: 255, ...alphanumericDashUnderscore },
  /** Value of a `Name` tag. */
  nameTag: { maxLength: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, allowed: 'letters, digits, spaces and "_.:/=+-@"' },
  connectFlow: { maxLength: 127, pattern: /^[^\\]+$/, allowed: 'any character except "\\"' },
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof nameRules;

/**
 * The one way constructs name AWS resources: `<prefix>-<component>`, checked against the AWS
 * limit for `kind` at synth time, so a too-long or malformed name fails `cdktf synth` with a
 * message naming the limit instead of failing `terraform apply` half-way.
 *
 * @param prefix environment-wide name prefix, e.g. `genagent-dev`
 * @param component what the resource is, e.g. `pull-action`
 */
export function resourceName(prefix: string, component: string, kind: NameKind): string {
  const rule: NameRule = nameRules[kind];
  if (Token.isUnresolved(prefix) || Token.isUnresolved(component)) {
    throw new Error(
      `Name for ${kind} must be a literal string so its length can be checked; got a Terraform token (prefix "${prefix}", component "${component}").`,
    );
  }
  if (prefix.length === 0 || component.length === 0) {
    throw new Error(`Name for ${kind} needs a non-empty prefix and component (got "${prefix}" and "${component}").`);
  }
  const name = `${prefix}-${component}`;
  if (name.length > rule.maxLength) {
    throw new Error(
      `Name "${name}" for ${kind} is ${name.length} characters; AWS allows at most ${rule.maxLength}. ` +
        `Shorten the name prefix "${prefix}" by at least ${name.length - rule.maxLength} characters.`,
    );
  }
  if (!rule.pattern.test(name)) {
    throw new Error(`Name "${name}" for ${kind} may only contain ${rule.allowed}. Fix the name prefix "${prefix}".`);
  }
  return name;
}
