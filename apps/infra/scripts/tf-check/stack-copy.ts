import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsProviderAddress, type ProviderMirror } from './toolchain';

/** The parts of a synthesized `cdk.tf.json` tf:check reads and rewrites. */
interface SynthesizedStack {
  terraform?: {
    backend?: unknown;
    cloud?: unknown;
    required_providers?: { aws?: { source?: string; version?: string } };
  };
  provider?: { aws?: { region?: string; allowed_account_ids?: string[] }[] };
  [key: string]: unknown;
}

/** Where the stack deploys; the mocks answer with values of that region and account. */
export interface StackTarget {
  readonly region: string;
  readonly accountId: string;
  /** The hashicorp/aws version the stack pins (from the cdktf bindings). */
  readonly pinnedAwsVersion: string;
}

/**
 * Copies a synthesized stack directory (with its assets, which `filename`/`source` reference
 * relative to it) into `targetDir`, pins hashicorp/aws to the mirrored version, drops the backend
 * (state is irrelevant offline), and writes a CLI config that installs providers only from the
 * mirror.
 *
 * @returns the stack's region, account and pinned provider version
 */
export function prepareStackCopy(stackDir: string, targetDir: string, mirror: ProviderMirror): StackTarget {
  cpSync(stackDir, targetDir, { recursive: true });
  const file = join(targetDir, 'cdk.tf.json');
  const stack = JSON.parse(readFileSync(file, 'utf8')) as SynthesizedStack;
  const aws = stack.terraform?.required_providers?.aws;
  const provider = stack.provider?.aws?.[0];
  if (!aws || !provider?.region || !provider.allowed_account_ids?.[0]) {
    throw new Error(`${file} has no aws provider with region and allowed_account_ids; is it a GenerativeAgentStack?`);
  }
  const target = {
    region: provider.region,
    accountId: provider.allowed_account_ids[0],
    pinnedAwsVersion: aws.version ?? '(unpinned)',
  };
  aws.version = mirror.version;
  delete stack.terraform?.backend;
  delete stack.terraform?.cloud;
  writeFileSync(file, JSON.stringify(stack, null, 2));
  writeFileSync(join(targetDir, cliConfigFileName), cliConfig(mirror));
  mkdirSync(join(targetDir, 'tests'), { recursive: true });
  writeFileSync(join(targetDir, 'tests', 'plan.tftest.hcl'), planTest(target, mirror.version));
  return target;
}

export const cliConfigFileName = 'tf-check.tfrc';

/** Terraform CLI config: hashicorp/aws from the mirror only, never from the network. */
export function cliConfig(mirror: ProviderMirror): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror.dir)}
    include = [${JSON.stringify(awsProviderAddress)}]
  }
  direct {
    exclude = [${JSON.stringify(awsProviderAddress)}]
  }
}
`;
}

/**
 * A plan-only `terraform test` against a mocked AWS provider. Mocked data sources return random
 * strings unless given defaults; these are the ones whose values feed arguments the provider
 * validates (policy JSON, availability zones, key ARNs, password lengths).
 */
export function planTest({ region, accountId }: StackTarget, awsVersion: string): string {
  // hashicorp/aws 6 renamed aws_region's `name` to `region`.
  const regionAttribute = Number(awsVersion.split('.')[0]) >= 6 ? 'region' : 'name';
  const mockData: Record<string, Record<string, unknown>> = {
    aws_iam_policy_document: {
      json: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
      }),
    },
    aws_availability_zones: { names: [`${region}a`, `${region}b`], zone_ids: ['mock-az1', 'mock-az2'] },
    aws_kms_alias: {
      arn: `arn:aws:kms:${region}:${accountId}:alias/aws/kinesisvideo`,
      target_key_arn: `arn:aws:kms:${region}:${accountId}:key/00000000-0000-4000-8000-000000000000`,
      target_key_id: '00000000-0000-4000-8000-000000000000',
    },
    // ExistingMediaStreaming reads storage_config[0].kinesis_video_stream_config[0]; the mock would return no blocks.
    aws_connect_instance_storage_config: {
      storage_config: [
        {
          storage_type: 'KINESIS_VIDEO_STREAM',
          kinesis_video_stream_config: [
            {
              prefix: 'mock-prefix',
              retention_period_hours: 24,
              encryption_config: [
                { encryption_type: 'KMS', key_id: `arn:aws:kms:${region}:${accountId}:key/00000000-0000-4000-8000-000000000000` },
              ],
            },
          ],
        },
      ],
    },
    aws_region: { [regionAttribute]: region },
    aws_caller_identity: { account_id: accountId },
    aws_secretsmanager_random_password: { random_password: 'MockedAuthToken0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN' },
  };
  const blocks = Object.entries(mockData).map(
    ([type, defaults]) => `  mock_data ${JSON.stringify(type)} {\n    defaults = ${hclObject(defaults)}\n  }`,
  );
  return `# Written by tf:check: plan every resource against a mocked AWS provider (no credentials, no network).
mock_provider "aws" {
${blocks.join('\n')}
}

run "plan" {
  command = plan
}
`;
}

/** JSON is an HCL expression (objects may use ":"), as long as no string holds a template sequence. */
function hclObject(value: Record<string, unknown>): string {
  const text = JSON.stringify(value);
  if (/[$%]\{/.test(text)) throw new Error(`mock value would be read as an HCL template: ${text}`);
  return text;
}
