import { type DeployScope, dataSourcePermissions, type Grant, resourcePermissions } from './permissions';

/** IAM's limit for a customer managed policy, in characters without white space. */
export const managedPolicyMaxCharacters = 6144;

export interface PolicyStatement {
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: Grant['condition'];
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** The parts of a synthesized stack (cdk.tf.json) the deployer's permissions follow from. */
export interface SynthesizedStackJson {
  readonly terraform?: { readonly backend?: Readonly<Record<string, Readonly<Record<string, unknown>>>> };
  readonly resource?: Readonly<Record<string, unknown>>;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A stack uses a Terraform type the permission table does not know. */
export class UnmappedTypesError extends Error {
  constructor(readonly types: readonly string[]) {
    super(
      `No deployer permissions for ${types.join(', ')}: add the IAM actions Terraform needs for each to ` +
        'apps/infra/src/deployer-policy/permissions.ts',
    );
    this.name = 'UnmappedTypesError';
  }
}

/** The stack's resource and data source types that have no entry in the permission table. */
export function unmappedTypes(stack: SynthesizedStackJson): string[] {
  return [
    ...Object.keys(stack.resource ?? {}).filter((type) => !(type in resourcePermissions)),
    ...Object.keys(stack.data ?? {})
      .filter((type) => !(type in dataSourcePermissions))
      .map((type) => `data.${type}`),
  ].sort();
}

/**
 * The least-privilege policy a deployer of `stack` needs, as managed policy documents of at most
 * {@link managedPolicyMaxCharacters} characters each (attach all of them): the table's grants for every type the stack
 * uses, plus its S3 state backend's objects. Grants on the same resources (and condition) share one statement.
 *
 * @throws UnmappedTypesError when the stack uses a type the table lacks
 */
export function deployerPolicies(stack: SynthesizedStackJson, scope: DeployScope): PolicyDocument[] {
  const unmapped = unmappedTypes(stack);
  if (unmapped.length > 0) throw new UnmappedTypesError(unmapped);
  const grants = [
    ...Object.keys(stack.resource ?? {}).flatMap((type) => resourcePermissions[type]?.(scope) ?? []),
    ...Object.keys(stack.data ?? {}).flatMap((type) => dataSourcePermissions[type]?.(scope) ?? []),
    ...stateBackendGrants(stack, scope),
  ];
  return packIntoDocuments(mergeGrants(grants));
}

/**
 * Terraform's S3 backend needs s3:ListBucket on the bucket, s3:GetObject and s3:PutObject on the state, and with
 * use_lockfile the same plus s3:DeleteObject on `<key>.tflock`. Local and cloud state need nothing in AWS.
 */
function stateBackendGrants(stack: SynthesizedStackJson, { partition }: DeployScope): Grant[] {
  const s3 = stack.terraform?.backend?.s3;
  if (s3 === undefined) return [];
  const bucket = `arn:${partition}:s3:::${String(s3.bucket)}`;
  const state = `${bucket}/${String(s3.key)}`;
  return [
    { actions: ['s3:ListBucket'], resources: [bucket] },
    { actions: ['s3:GetObject', 's3:PutObject'], resources: [state] },
    ...(s3.use_lockfile === true ? [{ actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [`${state}.tflock`] }] : []),
  ];
}

function mergeGrants(grants: readonly Grant[]): PolicyStatement[] {
  const statements = new Map<string, { actions: Set<string>; resources: string[]; condition?: Grant['condition'] }>();
  for (const grant of grants) {
    if (grant.actions.length === 0) continue;
    const resources = [...new Set(grant.resources)].sort();
    const key = JSON.stringify([resources, grant.condition ?? null]);
    const statement = statements.get(key) ?? { actions: new Set<string>(), resources, condition: grant.condition };
    for (const action of grant.actions) statement.actions.add(action);
    statements.set(key, statement);
  }
  return [...statements.values()]
    .map(({ actions, resources, condition }) => ({
      Effect: 'Allow' as const,
      Action: [...actions].sort(),
      Resource: resources,
      ...(condition ? { Condition: condition } : {}),
    }))
    .sort((a, b) => (a.Action[0] ?? '').localeCompare(b.Action[0] ?? ''));
}

/** Characters IAM counts against the managed policy limit (it does not count white space). */
export function policyCharacters(document: PolicyDocument): number {
  return JSON.stringify(document).length;
}

/** Fills documents in order, starting a new one when the next statement would pass the limit. */
function packIntoDocuments(statements: readonly PolicyStatement[]): PolicyDocument[] {
  const documents: PolicyDocument[] = [];
  let current: PolicyStatement[] = [];
  for (const statement of statements) {
    const candidate: PolicyDocument = { Version: '2012-10-17', Statement: [...current, statement] };
    if (current.length > 0 && policyCharacters(candidate) > managedPolicyMaxCharacters) {
      documents.push({ Version: '2012-10-17', Statement: current });
      current = [statement];
    } else {
      current = candidate.Statement;
    }
  }
  if (current.length > 0) documents.push({ Version: '2012-10-17', Statement: current });
  return documents;
}

/** The account, region, partition and name prefix an environment's ARNs are scoped to. */
export function deployScopeOf(config: {
  readonly accountId: string;
  readonly region: string;
  readonly namePrefix: string;
  readonly connectInstanceArn: string;
}): DeployScope {
  return {
    partition: config.connectInstanceArn.split(':')[1] ?? 'aws',
    region: config.region,
    accountId: config.accountId,
    namePrefix: config.namePrefix,
    connectInstanceArn: config.connectInstanceArn,
  };
}
