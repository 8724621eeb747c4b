import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { TerraformOutput } from 'cdktf';
import { type PromptAudioBucketProps, PromptAudioBucket } from '../src';
import { instanceArn, onlyResource, policy, resourcesOf, synth, tempFile } from './synth';

const cue = tempFile('processing-cue.wav', 'RIFF stand-in');
const base: PromptAudioBucketProps = { namePrefix: 'ga-dev', connectInstanceArn: instanceArn, audioFiles: [cue] };

describe('PromptAudioBucket', () => {
  it('is a private, encrypted bucket', () => {
    const out = synth((scope) => new PromptAudioBucket(scope, 'prompts', base));
    expect(out).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'ga-dev-prompts-', force_destroy: false });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(resourcesOf(out, 'aws_s3_bucket_versioning')).toHaveLength(0);
  });

  it('uploads each file with a content hash and exposes its regional https object URL (the Play prompt form)', () => {
    const out = synth((scope) => {
      const bucket = new PromptAudioBucket(scope, 'prompts', base);
      new TerraformOutput(scope, 'uri', { value: bucket.uri('processing-cue.wav') });
    });
    expect(out).toHaveResourceWithProperties(S3Object, {
      key: 'prompts/processing-cue.wav',
      content_type: 'audio/wav',
      source_hash: createHash('sha256').update(readFileSync(cue)).digest('hex'),
    });
    expect(onlyResource(out, 'aws_s3_object').source).toMatch(/^assets\/[\w-]+\/[0-9a-f]{64}\/processing-cue\.wav$/);
    expect(JSON.parse(out).output.uri.value).toMatch(
      /^https:\/\/\$\{aws_s3_bucket\.[\w-]+\.bucket_regional_domain_name\}\/prompts\/processing-cue\.wav$/,
    );
  });

  it('lets only this Connect instance list the bucket and read the prompts (the policy AWS documents for prompts in S3), over TLS only', () => {
    const out = synth((scope) => new PromptAudioBucket(scope, 'prompts', base));
    const [allowConnect, denyInsecure] = policy(onlyResource(out, 'aws_s3_bucket_policy').policy).Statement;
    expect(allowConnect).toEqual({
      Sid: 'AmazonConnectReadPrompts',
      Effect: 'Allow',
      Principal: { Service: 'connect.amazonaws.com' },
      Action: ['s3:ListBucket', 's3:GetObject'],
      Resource: [
        expect.stringMatching(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}$/),
        expect.stringMatching(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/prompts\/\*$/),
      ],
      Condition: { StringEquals: { 'aws:SourceArn': instanceArn, 'aws:SourceAccount': '123456789012' } },
    });
    expect(denyInsecure).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  it('names the bucket policy and every object as what a flow playing the audio depends on', () => {
    const second = tempFile('hold-tone.wav', 'RIFF stand-in 2');
    const out = synth((scope) => {
      const bucket = new PromptAudioBucket(scope, 'prompts', { ...base, audioFiles: [cue, second] });
      new S3Object(scope, 'dependant', { bucket: 'b', key: 'k', content: 'x', dependsOn: [...bucket.connectAccess] });
    });
    const dependant = resourcesOf(out, 'aws_s3_object').find((object) => object.key === 'k');
    expect([...((dependant?.depends_on ?? []) as string[])].sort()).toEqual([
      expect.stringMatching(/^aws_s3_bucket_policy\./),
      expect.stringMatching(/^aws_s3_object\.prompts_object-1_/),
      expect.stringMatching(/^aws_s3_object\.prompts_object-2_/),
    ]);
  });

  it('versions objects when asked', () => {
    const out = synth((scope) => new PromptAudioBucket(scope, 'prompts', { ...base, versioned: true }));
    expect(onlyResource(out, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
  });

  it('names the known files when asked for an unknown one', () => {
    expect(() => synth((scope) => new PromptAudioBucket(scope, 'prompts', base).uri('beep.wav'))).toThrow(
      'has no audio file named "beep.wav"; it has processing-cue.wav',
    );
  });

  it.each([
    [{ audioFiles: [] }, /audioFiles is empty/],
    [{ audioFiles: ['/nonexistent/cue.wav'] }, /audio file \/nonexistent\/cue.wav does not exist/],
    [{ audioFiles: [cue, cue] }, /two files named processing-cue.wav/],
    [{ namePrefix: 'genagent-connect-production-eu-1' }, /for s3BucketPrefix is 41 characters; AWS allows at most 37/],
    // The trailing "-" of bucket_prefix counts: 29 + "-prompts-" is one character too many.
    [{ namePrefix: 'a'.repeat(29) }, /for s3BucketPrefix is 38 characters; AWS allows at most 37/],
  ] as const)('rejects %j', (override, message) => {
    expect(() => synth((scope) => new PromptAudioBucket(scope, 'prompts', { ...base, ...override }))).toThrow(message);
  });
});
