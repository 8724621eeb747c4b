import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planTest } from '../scripts/tf-check/stack-copy';
import { parseEnvironment } from '../src/config/load-environments';
import { configFrom, dataOf, exampleEnvironments, fixtureEnvironmentsDir, resourcesOf, type SynthesizedStack, synthStack } from './synth';

const devFile = JSON.parse(readFileSync(join(fixtureEnvironmentsDir, 'dev.json'), 'utf8')) as Record<string, unknown>;
const account = '111111111111';
const cmk = `arn:aws:kms:us-east-1:${account}:key/4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f`;
const associationId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

function devWith(mediaStreams: unknown): SynthesizedStack {
  return synthStack('dev', configFrom({ ...devFile, mediaStreams } as Parameters<typeof configFrom>[0]));
}

function problemsWith(mediaStreams: unknown): readonly string[] {
  const result = parseEnvironment('environments/dev.json', JSON.stringify({ ...devFile, mediaStreams }));
  return 'problems' in result ? result.problems : [];
}

/** ASAPP's access role permissions, by Sid. */
function accessRoleStatements(stack: SynthesizedStack): Record<string, Record<string, unknown>> {
  const [policy] = resourcesOf(stack, 'aws_iam_role_policy').filter((p) => p.name === 'asapp-generativeagent');
  const statements = (JSON.parse(String(policy?.policy)) as { Statement: Record<string, unknown>[] }).Statement;
  return Object.fromEntries(statements.map((statement) => [String(statement.Sid), statement]));
}

describe('live media streaming: a created MEDIA_STREAMS config', () => {
  it.each(exampleEnvironments.map(({ name, config }) => [name, config] as const))('%s: is protected from destroy (prevent_destroy)', (name, environment) => {
    const stack = synthStack(name, environment);
    const [config, ...others] = resourcesOf(stack, 'aws_connect_instance_storage_config');
    expect(others).toHaveLength(0);
    expect(config?.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('drops the protection when the environment says protectFromDestroy: false', () => {
    const [config] = resourcesOf(devWith({ protectFromDestroy: false }), 'aws_connect_instance_storage_config');
    expect(config?.lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe('live media streaming: the instance already has a MEDIA_STREAMS config', () => {
  it('given its prefix: creates nothing, scopes ASAPP to that prefix and tells ASAPP the prefix', () => {
    const stack = devWith({ existing: { prefix: 'contact-lens' } });
    expect(resourcesOf(stack, 'aws_connect_instance_storage_config')).toHaveLength(0);
    expect(dataOf(stack, 'aws_connect_instance_storage_config')).toHaveLength(0);
    expect(dataOf(stack, 'aws_kms_alias')).toHaveLength(0);
    const statements = accessRoleStatements(stack);
    expect(statements.ReadAmazonConnectStreams?.Resource).toBe(`arn:aws:kinesisvideo:us-east-1:${account}:stream/contact-lens*/*`);
    expect(statements.DecryptStreams).toBeUndefined();
    expect(stack.output?.kinesis_video_stream_prefix?.value).toBe('contact-lens');
  });

  it('takes the prefix as the API returns it, <prefix>-connect-<alias>-contact-, even past the 128 characters a new config may set', () => {
    const apiPrefix = `${'p'.repeat(100)}-connect-${'a'.repeat(45)}-contact-`;
    const statements = accessRoleStatements(devWith({ existing: { prefix: apiPrefix } }));
    expect(statements.ReadAmazonConnectStreams?.Resource).toBe(`arn:aws:kinesisvideo:us-east-1:${account}:stream/${apiPrefix}*/*`);
  });

  it("given its prefix and customer-managed key: ASAPP's role may decrypt with that key", () => {
    const statements = accessRoleStatements(devWith({ existing: { prefix: 'contact-lens', kmsKeyArn: cmk } }));
    expect(statements.DecryptStreams).toEqual({ Sid: 'DecryptStreams', Effect: 'Allow', Action: 'kms:Decrypt', Resource: cmk });
  });

  it("given its association id: reads prefix and key from the config, for the role and the output", () => {
    const stack = devWith({ existing: { associationId } });
    expect(resourcesOf(stack, 'aws_connect_instance_storage_config')).toHaveLength(0);
    expect(dataOf(stack, 'aws_connect_instance_storage_config')).toEqual([
      { instance_id: '0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01', association_id: associationId, resource_type: 'MEDIA_STREAMS' },
    ]);
    const config = Object.keys(stack.data?.aws_connect_instance_storage_config ?? {})[0];
    const kvs = `data.aws_connect_instance_storage_config.${config}.storage_config[0].kinesis_video_stream_config[0]`;
    const statements = accessRoleStatements(stack);
    expect(statements.ReadAmazonConnectStreams?.Resource).toBe(`arn:aws:kinesisvideo:us-east-1:${account}:stream/\${${kvs}.prefix}*/*`);
    expect(statements.DecryptStreams?.Resource).toBe(`\${${kvs}.encryption_config[0].key_id}`);
    expect(stack.output?.kinesis_video_stream_prefix?.value).toBe(`\${${kvs}.prefix}`);
  });

  it.each([
    [
      { existing: {} },
      'mediaStreams.existing: expected either "prefix" (the Kinesis video stream prefix in the Connect console) or "associationId" (of the MEDIA_STREAMS storage config), not both or neither',
    ],
    [{ existing: { prefix: 'a', associationId } }, 'mediaStreams.existing: expected either "prefix"'],
    [
      { existing: { associationId, kmsKeyArn: cmk } },
      'mediaStreams.existing.kmsKeyArn: expected no kmsKeyArn with associationId: the key is read from the storage config; drop it',
    ],
    [
      { existing: { prefix: 'a' }, retentionHours: 48 },
      'mediaStreams.retentionHours: expected no retentionHours next to "existing": the stack leaves the existing config as it is; drop it',
    ],
    [{ existing: { prefix: 'a' }, kmsKeyArn: cmk }, 'mediaStreams.kmsKeyArn: expected no kmsKeyArn next to "existing": the stack leaves the existing config as it is; give it as existing.kmsKeyArn'],
    [{ existing: { prefix: 'no spaces' } }, 'mediaStreams.existing.prefix: expected letters, digits, "_", "." and "-", at most 256 (a stream name)'],
    [{ existing: { associationId: 'not an id' } }, 'mediaStreams.existing.associationId: expected the AssociationId that aws connect list-instance-storage-configs'],
    [
      { existing: { prefix: 'a', kmsKeyArn: cmk.replace('us-east-1', 'eu-west-2') } },
      'mediaStreams.existing.kmsKeyArn: expected a key in region us-east-1, got eu-west-2',
    ],
    [{ protectFromDestroy: 'yes' }, 'mediaStreams.protectFromDestroy: expected true or false'],
  ])('rejects %j, naming the field and the fix', (mediaStreams, message) => {
    const problems = problemsWith(mediaStreams);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`environments/dev.json: ${message}`);
  });
});

describe('tf:check with an existing config read by association id', () => {
  it('mocks the storage config with one Kinesis video stream block, which the role and output index into', () => {
    const test = planTest({ region: 'us-east-1', accountId: account, pinnedAwsVersion: '6.25.0' }, '5.100.0');
    const block = /mock_data "aws_connect_instance_storage_config" \{\n\s*defaults = (.*)\n/.exec(test)?.[1];
    expect(JSON.parse(block ?? 'null')).toMatchObject({
      storage_config: [{ kinesis_video_stream_config: [{ prefix: expect.any(String), encryption_config: [{ key_id: expect.stringMatching(/^arn:aws:kms:us-east-1:111111111111:key\//) }] }] }],
    });
  });
});
