import { TerraformOutput } from 'cdktf';
import { ExistingMediaStreaming } from '../src';
import { dataSourcesOf, instanceArn, instanceId, resourcesOf, synth } from './synth';

const associationId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('ExistingMediaStreaming', () => {
  it("reads the instance's MEDIA_STREAMS config by association id and creates nothing", () => {
    const out = synth((scope) => new ExistingMediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, associationId }));
    const [config, ...others] = dataSourcesOf(out, 'aws_connect_instance_storage_config');
    expect(others).toHaveLength(0);
    expect(config).toMatchObject({ instance_id: instanceId, association_id: associationId, resource_type: 'MEDIA_STREAMS' });
    expect(resourcesOf(out, 'aws_connect_instance_storage_config')).toHaveLength(0);
  });

  it('gives the prefix and key of that config as references for the role and outputs', () => {
    const out = synth((scope) => {
      const existing = new ExistingMediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, associationId });
      new TerraformOutput(scope, 'prefix', { value: existing.streamPrefix });
      new TerraformOutput(scope, 'key', { value: existing.kmsKeyArn });
    });
    const outputs = (JSON.parse(out) as { output: Record<string, { value: string }> }).output;
    expect(outputs.prefix?.value).toMatch(
      /^\$\{data\.aws_connect_instance_storage_config\.[\w-]+\.storage_config\[0\]\.kinesis_video_stream_config\[0\]\.prefix\}$/,
    );
    expect(outputs.key?.value).toMatch(
      /^\$\{data\.aws_connect_instance_storage_config\.[\w-]+\.storage_config\[0\]\.kinesis_video_stream_config\[0\]\.encryption_config\[0\]\.key_id\}$/,
    );
  });

  it('rejects an association id that is not one, naming the command that lists it', () => {
    expect(() =>
      synth((scope) => new ExistingMediaStreaming(scope, 'media', { connectInstanceArn: instanceArn, associationId: 'not an id' })),
    ).toThrow(/associationId "not an id" is not a storage config association id; list it with aws connect list-instance-storage-configs/);
  });
});
