import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ConnectLambdaFunctionAssociation } from '@cdktf/provider-aws/lib/connect-lambda-function-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { type ITerraformDependable, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';
import { fileAsset } from './file-asset';
import { type PolicyStatement, policyDocument, serviceTrustPolicy } from './iam-policy';
import { checkLogRetentionDays } from './log-retention';
import { resourceName } from './naming';

/** Place the function in the VPC (PushAction / PullAction, which reach Valkey). */
export interface FunctionVpcPlacement {
  /** The private isolated subnets (`Network.subnetIds`). */
  readonly subnetIds: readonly string[];
  /** The function's own security group(s), e.g. `Network.pullActionSecurityGroupId`. */
  readonly securityGroupIds: readonly string[];
}

export interface IntegrationFunctionProps {
  /** Prefix of every resource name, e.g. `genagent-dev`. */
  readonly namePrefix: string;
  /** What the function is, e.g. `pull-action`; the function is named `<namePrefix>-<name>` (≤ 64 characters). */
  readonly name: string;
  /** The function's zip (`lambdaBundles[name].zipPath`); must exist at synth time. */
  readonly zipPath: string;
  /** @default none */
  readonly description?: string;
  /** @default 256 */
  readonly memorySizeMb?: number;
  /** @default 3 */
  readonly timeoutSeconds?: number;
  /** Retention of `/aws/lambda/<function name>`. @default 30 */
  readonly logRetentionDays?: number;
  /**
   * Non-secret configuration only: names that look like secrets (…SECRET, …PASSWORD, …TOKEN, …)
   * are rejected unless they end in `_ARN`; pass secrets as Secrets Manager ARNs plus `secretArns`.
   * `POWERTOOLS_SERVICE_NAME` defaults to `name`.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** Secrets the function may read with secretsmanager:GetSecretValue (and nothing else). @default none */
  readonly secretArns?: readonly string[];
  /** @default not in a VPC (Engage and the PSTN functions call ASAPP over the internet) */
  readonly vpc?: FunctionVpcPlacement;
  /** Alias the flows invoke; the flows reference its ARN. @default 'live' */
  readonly aliasName?: string;
  /** Provisioned concurrency on the alias; 0 means none. @default 0 */
  readonly provisionedConcurrency?: number;
  /**
   * Concurrency reserved for the function: it always gets this much of the account's pool, and never more. At least
   * 1 (0 would stop every invocation) and at least `provisionedConcurrency`.
   * @default none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * When set, connect.amazonaws.com may invoke the alias from this instance only (source ARN), and
   * the alias is associated with the instance so flows can call it.
   * @default not callable by Connect (e.g. PushAction, which ASAPP invokes through its role)
   */
  readonly connectInstanceArn?: string;
  /**
   * X-Ray active tracing: Lambda samples and traces invocations, the role may write trace segments, and
   * POWERTOOLS_TRACE_ENABLED=true turns on the handlers' subsegments around ASAPP and Valkey calls.
   * @default false
   */
  readonly tracing?: boolean;
}

/**
 * What Lambda needs to manage a VPC function's network interfaces: the EC2 actions of the managed
 * AWSLambdaVPCAccessExecutionRole, without its logs actions on every log group. Resource "*": Lambda
 * calls them with the execution role outside the function (no lambda:SourceFunctionArn to scope
 * on), DescribeNetworkInterfaces works only on "*", and AWS warns that DeleteNetworkInterface
 * scoped to some interfaces can cut the function off its VPC.
 */
const vpcNetworkInterfaceActions = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
] as const;
const secretLookingName = /SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL/i;
const environmentNamePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Lambda's limit on the total size of all environment variables. */
const environmentMaxBytes = 4096;

/**
 * One Lambda of the integration: code from its zip (source hash, so code changes deploy),
 * nodejs22.x on x86_64, its own role with a least-privilege inline policy (its own log streams,
 * the listed secrets, in a VPC the network-interface actions), a log group with retention, a published version behind an alias, optional
 * provisioned concurrency, and optionally the Connect invoke permission + instance association.
 */
export class IntegrationFunction extends Construct {
  readonly function: LambdaFunction;
  /** Literal function name, `<namePrefix>-<name>`. */
  readonly functionName: string;
  readonly alias: LambdaAlias;
  /** ARN of the alias: what flows and ASAPP invoke. */
  readonly aliasArn: string;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  /**
   * The Connect invoke permission and instance association (none without `connectInstanceArn`).
   * A flow that references `aliasArn` depends on them: Connect validates a published flow's
   * Lambda references when it is created.
   */
  readonly connectAccess: readonly ITerraformDependable[] = [];

  private readonly environment: Record<string, string> = {};
  private readonly readableSecretArns: string[] = [];
  private readonly addedStatements: PolicyStatement[] = [];
  private readonly inVpc: boolean;

  constructor(scope: Construct, id: string, props: IntegrationFunctionProps) {
    super(scope, id);
    this.functionName = resourceName(props.namePrefix, props.name, 'lambdaFunction');
    this.timeoutSeconds = checkRange(props.timeoutSeconds ?? 3, 1, 900, `${this.label} timeoutSeconds`);
    this.memorySizeMb = checkRange(props.memorySizeMb ?? 256, 128, 10240, `${this.label} memorySizeMb`);
    const provisionedConcurrency = checkRange(props.provisionedConcurrency ?? 0, 0, 10000, `${this.label} provisionedConcurrency`);
    const reservedConcurrency =
      props.reservedConcurrentExecutions === undefined
        ? undefined
        : checkRange(props.reservedConcurrentExecutions, Math.max(1, provisionedConcurrency), 100_000, `${this.label} reservedConcurrentExecutions`);
    const aliasName = props.aliasName ?? 'live';
    const code = fileAsset(
      this,
      'code',
      props.zipPath,
      `${this.label}: the Lambda bundle does not exist; run pnpm build (it bundles the Lambdas into packages/lambdas/dist) and synth again`,
    );

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/aws/lambda/${this.functionName}`,
      retentionInDays: checkLogRetentionDays(props.logRetentionDays ?? 30, `${this.label} logRetentionDays`),
    });

    this.role = new IamRole(this, 'role', {
      name: resourceName(props.namePrefix, props.name, 'iamRole'),
      description: `Execution role of the ${this.functionName} Lambda`,
      assumeRolePolicy: serviceTrustPolicy('lambda.amazonaws.com'),
    });
    const inlinePolicy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.policyStatements()) }),
    });
    this.inVpc = props.vpc !== undefined;

    this.function = new LambdaFunction(this, 'function', {
      functionName: this.functionName,
      ...(props.description ? { description: props.description } : {}),
      role: this.role.arn,
      filename: code.path,
      sourceCodeHash: code.sha256.toString('base64'),
      runtime: 'nodejs22.x',
      architectures: ['x86_64'],
      handler: 'index.handler',
      memorySize: this.memorySizeMb,
      timeout: this.timeoutSeconds,
      ...(reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: reservedConcurrency }),
      ...(props.tracing ? { tracingConfig: { mode: 'Active' } } : {}),
      publish: true,
      ...(props.vpc
        ? { vpcConfig: { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] } }
        : {}),
      // Without the log group first, Lambda would create it on first invoke with no retention.
      // The policy also outlives the function on destroy, so Lambda can still delete its interfaces.
      dependsOn: [this.logGroup, inlinePolicy],
    });
    this.addEnvironment('POWERTOOLS_SERVICE_NAME', props.name);
    if (props.tracing) {
      this.addEnvironment('POWERTOOLS_TRACE_ENABLED', 'true');
      // AWSXRayDaemonWriteAccess's write actions; X-Ray trace segments have no resource type, so "*".
      this.addToPolicy({
        Sid: 'WriteTraces',
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Resource: '*',
      });
    }
    for (const [key, value] of Object.entries(props.environment ?? {})) {
      this.addEnvironment(key, value);
    }
    for (const secretArn of props.secretArns ?? []) {
      this.grantSecretRead(secretArn);
    }

    this.alias = new LambdaAlias(this, 'alias', {
      name: aliasName,
      functionName: this.function.functionName,
      functionVersion: this.function.version,
    });
    this.aliasArn = this.alias.arn;

    if (provisionedConcurrency > 0) {
      new LambdaProvisionedConcurrencyConfig(this, 'provisioned-concurrency', {
        functionName: this.function.functionName,
        qualifier: this.alias.name,
        provisionedConcurrentExecutions: provisionedConcurrency,
      });
    }

    if (props.connectInstanceArn) {
      const instance = parseConnectInstanceArn(props.connectInstanceArn);
      const permission = new LambdaPermission(this, 'connect-invoke', {
        statementId: 'AllowAmazonConnectInvoke',
        action: 'lambda:InvokeFunction',
        principal: 'connect.amazonaws.com',
        functionName: this.function.functionName,
        qualifier: this.alias.name,
        sourceArn: instance.arn,
        sourceAccount: instance.accountId,
      });
      // The alias ARN, since that is what the flows reference.
      const association = new ConnectLambdaFunctionAssociation(this, 'connect-association', {
        instanceId: instance.instanceId,
        functionArn: this.alias.arn,
      });
      this.connectAccess = [permission, association];
    }
  }

  /** Adds (or replaces) a non-secret environment variable. */
  addEnvironment(key: string, value: string): void {
    if (!environmentNamePattern.test(key) || key.startsWith('AWS_')) {
      throw new Error(`${this.label} environment variable "${key}" must be letters, digits and "_", starting with a letter, and not AWS_* (reserved by Lambda).`);
    }
    if (secretLookingName.test(key) && !key.endsWith('_ARN')) {
      throw new Error(
        `${this.label} environment variable "${key}" looks like a secret; secrets never go into Lambda environment variables. Store it in Secrets Manager and pass its ARN (e.g. ${key}_ARN) plus secretArns.`,
      );
    }
    this.environment[key] = value;
    const literalSizes = Object.entries(this.environment)
      .filter(([, v]) => !Token.isUnresolved(v))
      .map(([k, v]) => [k, Buffer.byteLength(k) + Buffer.byteLength(v)] as const)
      .sort(([, a], [, b]) => b - a);
    const literalBytes = literalSizes.reduce((total, [, bytes]) => total + bytes, 0);
    if (literalBytes > environmentMaxBytes) {
      const [largest, largestBytes] = literalSizes[0] ?? ['', 0];
      throw new Error(
        `${this.label} environment variables total ${literalBytes} bytes; Lambda allows ${environmentMaxBytes}. The largest is ${largest} (${largestBytes} bytes).`,
      );
    }
    this.function.putEnvironment({ variables: { ...this.environment } });
  }

  /** Lets the function read one secret's value (secretsmanager:GetSecretValue on that ARN only). */
  grantSecretRead(secretArn: string): void {
    if (!this.readableSecretArns.includes(secretArn)) {
      this.readableSecretArns.push(secretArn);
    }
  }

  /**
   * Adds a statement to the function's inline policy (e.g. kms:Decrypt for a secret's customer-managed key). Each Sid
   * once: adding the same statement again is a no-op, a different one under a used Sid fails synth.
   */
  addToPolicy(statement: PolicyStatement & { readonly Sid: string }): void {
    const existing = this.addedStatements.find((added) => added.Sid === statement.Sid);
    if (existing && JSON.stringify(existing) !== JSON.stringify(statement)) {
      throw new Error(`${this.label} policy already has a different statement with Sid "${statement.Sid}".`);
    }
    if (!existing) this.addedStatements.push(statement);
  }

  private get label(): string {
    return `IntegrationFunction "${this.node.id}"`;
  }

  private policyStatements(): PolicyStatement[] {
    const statements: PolicyStatement[] = [
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${this.logGroup.arn}:*`,
      },
    ];
    if (this.inVpc) {
      statements.push({
        Sid: 'ManageVpcNetworkInterfaces',
        Effect: 'Allow',
        Action: [...vpcNetworkInterfaceActions],
        Resource: '*',
      });
    }
    if (this.readableSecretArns.length > 0) {
      statements.push({
        Sid: 'ReadOwnSecrets',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [...this.readableSecretArns],
      });
    }
    statements.push(...this.addedStatements);
    return statements;
  }
}

function checkRange(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${field} ${value} must be an integer from ${min} to ${max}.`);
  }
  return value;
}
