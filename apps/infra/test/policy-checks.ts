import { dataOf, resourcesOf, type SynthesizedStack } from './synth';

/**
 * Security and naming rules every synthesized stack must satisfy. Each check returns the
 * violations it found (empty = pass), so a failing test lists all of them.
 */

interface Statement {
  readonly where: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

function statementsOfDocument(where: string, document: unknown): Statement[] {
  if (typeof document !== 'string') return [{ where: `${where} (not a JSON string)`, effect: 'Allow', actions: ['?'], resources: ['?'] }];
  const parsed = JSON.parse(document) as { Statement: unknown };
  const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Record<string, unknown>[];
  return statements.map((statement, index) => ({
    where: `${where} statement ${String(statement.Sid ?? index)}`,
    effect: String(statement.Effect),
    actions: asList(statement.Action),
    resources: asList(statement.Resource),
  }));
}

/** Every IAM statement of the stack: role trust and inline policies, policy resources, bucket policies, policy documents. */
export function iamStatements(stack: SynthesizedStack): Statement[] {
  const documents: [string, unknown][] = [];
  for (const [type, attributes] of [
    ['aws_iam_role', ['assume_role_policy']],
    ['aws_iam_role_policy', ['policy']],
    ['aws_iam_policy', ['policy']],
    ['aws_iam_user_policy', ['policy']],
    ['aws_iam_group_policy', ['policy']],
    ['aws_s3_bucket_policy', ['policy']],
    ['aws_secretsmanager_secret_policy', ['policy']],
    ['aws_kms_key', ['policy']],
  ] as const) {
    for (const [name, resource] of Object.entries(stack.resource[type] ?? {})) {
      for (const attribute of attributes) {
        if (resource[attribute] !== undefined) documents.push([`${type}.${name}.${attribute}`, resource[attribute]]);
      }
      for (const [index, inline] of asInlinePolicies(resource.inline_policy).entries()) {
        documents.push([`${type}.${name}.inline_policy[${index}]`, inline.policy]);
      }
    }
  }
  const fromDocuments = documents.flatMap(([where, document]) => statementsOfDocument(where, document));
  const fromDataSources = dataOf(stack, 'aws_iam_policy_document').flatMap((document, documentIndex) =>
    (document.statement as Record<string, unknown>[] | undefined)?.map((statement, index) => ({
      where: `data.aws_iam_policy_document[${documentIndex}] statement ${index}`,
      effect: String(statement.effect ?? 'Allow'),
      actions: asList(statement.actions),
      resources: asList(statement.resources),
    })) ?? [],
  );
  return [...fromDocuments, ...fromDataSources];
}

function asInlinePolicies(value: unknown): { policy?: unknown }[] {
  return Array.isArray(value) ? (value as { policy?: unknown }[]) : value ? [value as { policy?: unknown }] : [];
}

/**
 * The only actions a statement with Resource "*" may allow, each because it cannot be scoped:
 * kinesisvideo:ListStreams has no resource type, and the EC2 actions are those Lambda needs to
 * manage a VPC function's network interfaces (AWSLambdaVPCAccessExecutionRole's EC2 actions;
 * DescribeNetworkInterfaces only works on "*", and Lambda calls them outside the function).
 */
const unscopableActions: ReadonlySet<string> = new Set([
  'kinesisvideo:ListStreams',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
]);

/** Allow statements must name actions (no `*`, no `service:*`) and resources (no `*` but for the unscopable actions). */
export function wildcardViolations(stack: SynthesizedStack): string[] {
  return iamStatements(stack)
    .filter((statement) => statement.effect === 'Allow')
    .flatMap((statement) => {
      const problems: string[] = [];
      const wildcardActions = statement.actions.filter((action) => action === '*' || action.endsWith(':*'));
      if (wildcardActions.length > 0) problems.push(`${statement.where}: Action ${wildcardActions.join(', ')}`);
      const onlyUnscopable = statement.actions.every((action) => unscopableActions.has(action));
      if (statement.resources.includes('*') && !onlyUnscopable) {
        problems.push(`${statement.where}: Resource "*" for ${statement.actions.join(', ')}`);
      }
      return problems;
    });
}

const openCidrs = new Set(['0.0.0.0/0', '::/0']);

/** No security group accepts traffic from anywhere: inline ingress blocks, legacy rules and VPC rule resources. */
export function openIngressViolations(stack: SynthesizedStack): string[] {
  const open = (where: string, cidrs: unknown[]) =>
    cidrs.flatMap((cidr) => (openCidrs.has(String(cidr)) ? [`${where}: ingress from ${String(cidr)}`] : []));
  const inline = Object.entries(stack.resource.aws_security_group ?? {}).flatMap(([name, group]) =>
    ((group.ingress as Record<string, unknown>[] | undefined) ?? []).flatMap((rule) =>
      open(`aws_security_group.${name}`, [...asList(rule.cidr_blocks), ...asList(rule.ipv6_cidr_blocks)]),
    ),
  );
  const legacyRules = Object.entries(stack.resource.aws_security_group_rule ?? {})
    .filter(([, rule]) => rule.type === 'ingress')
    .flatMap(([name, rule]) => open(`aws_security_group_rule.${name}`, [...asList(rule.cidr_blocks), ...asList(rule.ipv6_cidr_blocks)]));
  const ruleResources = Object.entries(stack.resource.aws_vpc_security_group_ingress_rule ?? {}).flatMap(([name, rule]) =>
    open(`aws_vpc_security_group_ingress_rule.${name}`, [...asList(rule.cidr_ipv4), ...asList(rule.cidr_ipv6)]),
  );
  return [...inline, ...legacyRules, ...ruleResources];
}

export function valkeyEncryptionViolations(stack: SynthesizedStack): string[] {
  return resourcesOf(stack, 'aws_elasticache_replication_group').flatMap((group) =>
    String(group.at_rest_encryption_enabled) === 'true' ? [] : [`${String(group.replication_group_id)}: at_rest_encryption_enabled is not true`],
  );
}

const secretLookingName = /SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|API_KEY|PRIVATE_KEY/i;
/** A Secrets Manager ARN, literal or a reference to a secret resource's ARN. */
const secretArnValue = /^(?:arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+|\$\{aws_secretsmanager_secret\.[^.}]+\.arn\})$/;
/** Expressions that carry a secret's value rather than its name. */
const secretValueReference = /secret_string|secret_binary|random_password|auth_token|\.password\b/;

/**
 * Lambda environment variables never carry secrets: secret-looking names must hold Secrets Manager
 * ARNs; no value may reference a secret's value or equal one of `knownSecrets`; the local-only
 * ASAPP_API_ID/ASAPP_API_SECRET/VALKEY_PASSWORD are never deployed.
 */
export function lambdaSecretViolations(stack: SynthesizedStack, knownSecrets: readonly string[] = []): string[] {
  return resourcesOf(stack, 'aws_lambda_function').flatMap((fn) => {
    const variables = (fn.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
    return Object.entries(variables).flatMap(([name, value]) => {
      const where = `${String(fn.function_name)} ${name}`;
      const problems: string[] = [];
      if (['ASAPP_API_ID', 'ASAPP_API_SECRET', 'VALKEY_PASSWORD'].includes(name)) problems.push(`${where}: local-only variable deployed`);
      if (secretLookingName.test(name) && !secretArnValue.test(value)) problems.push(`${where}: "${value}" is not a Secrets Manager ARN`);
      if (secretValueReference.test(value)) problems.push(`${where}: references a secret value (${value})`);
      if (knownSecrets.some((secret) => value.includes(secret))) problems.push(`${where}: contains a known secret value`);
      return problems;
    });
  });
}

/** Each function's `/aws/lambda/<name>` log group exists in the stack with a retention. */
export function logGroupViolations(stack: SynthesizedStack): string[] {
  const logGroups = resourcesOf(stack, 'aws_cloudwatch_log_group');
  return resourcesOf(stack, 'aws_lambda_function').flatMap((fn) => {
    const group = logGroups.find((candidate) => candidate.name === `/aws/lambda/${String(fn.function_name)}`);
    if (!group) return [`${String(fn.function_name)}: no log group /aws/lambda/${String(fn.function_name)}`];
    const retention = Number(group.retention_in_days);
    return retention > 0 ? [] : [`${String(fn.function_name)}: log group has no retention`];
  });
}

/** AWS's maximum length of each name attribute the stacks set. */
export const awsNameLimits: readonly (readonly [type: string, attribute: string, maxLength: number])[] = [
  ['aws_elasticache_replication_group', 'replication_group_id', 40],
  ['aws_elasticache_subnet_group', 'name', 255],
  ['aws_elasticache_parameter_group', 'name', 255],
  ['aws_lambda_function', 'function_name', 64],
  ['aws_lambda_alias', 'name', 128],
  ['aws_iam_role', 'name', 64],
  ['aws_iam_role_policy', 'name', 128],
  ['aws_security_group', 'name', 255],
  ['aws_s3_bucket', 'bucket_prefix', 37],
  ['aws_secretsmanager_secret', 'name', 512],
  ['aws_secretsmanager_secret', 'name_prefix', 512 - 32],
  ['aws_cloudwatch_log_group', 'name', 512],
  ['aws_cloudwatch_metric_alarm', 'alarm_name', 255],
  ['aws_cloudwatch_dashboard', 'dashboard_name', 255],
  ['aws_connect_contact_flow', 'name', 127],
  ['aws_connect_contact_flow_module', 'name', 127],
];

export function nameLengthViolations(stack: SynthesizedStack): string[] {
  return awsNameLimits.flatMap(([type, attribute, maxLength]) =>
    resourcesOf(stack, type).flatMap((resource) => {
      const name = resource[attribute];
      return typeof name === 'string' && name.length > maxLength
        ? [`${type}.${attribute} "${name}" is ${name.length} characters; AWS allows ${maxLength}`]
        : [];
    }),
  );
}

/** Every name attribute the stack sets, for checks that names were found at all. */
export function generatedNames(stack: SynthesizedStack): string[] {
  return awsNameLimits.flatMap(([type, attribute]) =>
    resourcesOf(stack, type).flatMap((resource) => (typeof resource[attribute] === 'string' ? [resource[attribute] as string] : [])),
  );
}
