import { ConnectInstanceStorageConfig } from '@cdktf/provider-aws/lib/connect-instance-storage-config';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { MediaStreaming } from '../src';
import { dataSourcesOf, instanceArn, instanceId, onlyResource, synth } from './synth';

const cmk = 'arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

describe('MediaStreaming', () => {
  it('enables live media streaming with the prefix and retention, encrypted with the AWS managed key by default', () => {
    const out = synth((scope) => new MediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, streamPrefix: 'ga-dev', retentionHours: 1 }));
    expect(out).toHaveDataSourceWithProperties(DataAwsKmsAlias, { name: 'alias/aws/kinesisvideo' });
    expect(out).toHaveResourceWithProperties(ConnectInstanceStorageConfig, { instance_id: instanceId, resource_type: 'MEDIA_STREAMS' });
    // Nested blocks: the cdktf matcher compares them whole, so assert on the parsed JSON.
    expect(onlyResource(out, 'aws_connect_instance_storage_config').storage_config).toEqual({
      storage_type: 'KINESIS_VIDEO_STREAM',
      kinesis_video_stream_config: {
        prefix: 'ga-dev',
        retention_period_hours: 1,
        encryption_config: {
          encryption_type: 'KMS',
          key_id: expect.stringMatching(/^\$\{data\.aws_kms_alias\.[\w-]+\.target_key_arn\}$/),
        },
      },
    });
  });

  it('uses the customer-managed key when given, without a lookup, and defaults retention to 24 h', () => {
    const out = synth((scope) => new MediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, streamPrefix: 'ga-dev', kmsKeyArn: cmk }));
    expect(dataSourcesOf(out, 'aws_kms_alias')).toHaveLength(0);
    expect(onlyResource(out, 'aws_connect_instance_storage_config').storage_config).toMatchObject({
      kinesis_video_stream_config: { retention_period_hours: 24, encryption_config: { encryption_type: 'KMS', key_id: cmk } },
    });
  });

  it('protects the storage config from destroy by default: the instance has only one MEDIA_STREAMS config', () => {
    const out = synth((scope) => new MediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, streamPrefix: 'ga-dev' }));
    expect(onlyResource(out, 'aws_connect_instance_storage_config').lifecycle).toEqual({ prevent_destroy: true });
  });

  it('lets the protection be turned off to remove the config deliberately', () => {
    const out = synth(
      (scope) => new MediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, streamPrefix: 'ga-dev', protectFromDestroy: false }),
    );
    expect(onlyResource(out, 'aws_connect_instance_storage_config').lifecycle).toEqual({ prevent_destroy: false });
  });

  it.each([
    [{ retentionHours: 0 }, /retentionHours 0 must be a whole number of hours from 1 \(ASAPP's minimum\)/],
    [{ retentionHours: 1.5 }, /retentionHours 1.5 must be a whole number/],
    [{ streamPrefix: 'bad prefix!' }, /streamPrefix "bad prefix!" must be 1-128 letters/],
    [{ streamPrefix: '' }, /streamPrefix "" must be 1-128/],
  ] as const)('rejects %j', (override, message) => {
    expect(() =>
      synth((scope) => new MediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, streamPrefix: 'ga-dev', ...override })),
    ).toThrow(message);
  });
});
