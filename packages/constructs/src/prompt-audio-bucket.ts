import { basename } from 'node:path';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';
import { fileAsset } from './file-asset';
import { policyDocument } from './iam-policy';
import { resourceName } from './naming';

export interface PromptAudioBucketProps {
  /** Prefix of every resource name; the bucket name starts with `<namePrefix>-prompts-` (prefix ≤ 28 characters). */
  readonly namePrefix: string;
  /** Only this instance (and account) may read the audio. */
  readonly connectInstanceArn: string;
  /**
   * Local audio files to upload, by file path; each becomes the object `prompts/<file name>`
   * (e.g. the processing cue from `flow-modules/audio/`). WAV, as Connect plays from S3.
   */
  readonly audioFiles: readonly string[];
  /** Keep previous object versions. @default false */
  readonly versioned?: boolean;
  /** Let `terraform destroy` delete a bucket that still holds objects. @default false */
  readonly forceDestroy?: boolean;
}

const objectKeyPrefix = 'prompts/';

/**
 * Audio Connect plays from S3 (MessageParticipant with Media, SourceType S3), since the AWS
 * provider cannot create Connect prompts: a private bucket (public access blocked, SSE-S3,
 * TLS only) whose policy lets connect.amazonaws.com list it and get the prompts, for this
 * instance only (the policy AWS documents for prompts played from S3).
 */
export class PromptAudioBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /**
   * The uploaded objects and the bucket policy: a flow that plays the audio depends on them, so
   * the first call after a deploy finds the prompt in place and readable.
   */
  readonly connectAccess: readonly ITerraformDependable[];
  private readonly objectKeys: ReadonlyMap<string, string>;

  constructor(scope: Construct, id: string, props: PromptAudioBucketProps) {
    super(scope, id);
    const instance = parseConnectInstanceArn(props.connectInstanceArn);
    if (props.audioFiles.length === 0) {
      throw new Error('PromptAudioBucket audioFiles is empty; give the WAV files the flows play (flow-modules/audio/).');
    }

    this.bucket = new S3Bucket(this, 'bucket', {
      // The trailing "-" counts towards S3's 37-character bucket_prefix limit, so it is part of the checked name.
      bucketPrefix: resourceName(props.namePrefix, 'prompts-', 's3BucketPrefix'),
      forceDestroy: props.forceDestroy ?? false,
    });
    this.bucketName = this.bucket.bucket;
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      // SSE-S3: Connect reads it without a KMS key grant.
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    if (props.versioned) {
      new S3BucketVersioningA(this, 'versioning', {
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }
    const bucketPolicy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: 'AmazonConnectReadPrompts',
          Effect: 'Allow',
          Principal: { Service: 'connect.amazonaws.com' },
          // Both, as AWS's policy for prompts in S3 grants (with ListBucket S3 also answers a missing key 404, not 403).
          Action: ['s3:ListBucket', 's3:GetObject'],
          Resource: [this.bucket.arn, `${this.bucket.arn}/${objectKeyPrefix}*`],
          Condition: { StringEquals: { 'aws:SourceArn': instance.arn, 'aws:SourceAccount': instance.accountId } },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
      // S3 rejects policy changes while the public access block is being applied.
      dependsOn: [publicAccessBlock],
    });

    const keys = new Map<string, string>();
    const objects = props.audioFiles.map((file, index) => {
      const key = `${objectKeyPrefix}${basename(file)}`;
      if ([...keys.values()].includes(key)) {
        throw new Error(`PromptAudioBucket audioFiles has two files named ${basename(file)}; file names must be unique.`);
      }
      keys.set(basename(file), key);
      const upload = fileAsset(this, `audio-${index + 1}`, file, `PromptAudioBucket audio file ${file} does not exist`);
      return new S3Object(this, `object-${index + 1}`, {
        bucket: this.bucket.id,
        key,
        source: upload.path,
        // Not etag: it only equals the MD5 without KMS encryption. Any change of the file changes it.
        sourceHash: upload.sha256.toString('hex'),
        contentType: 'audio/wav',
      });
    });
    this.objectKeys = keys;
    this.connectAccess = [bucketPolicy, ...objects];
  }

  /**
   * The object URL `https://<bucket>.s3.<region>.amazonaws.com/prompts/<file name>` of an uploaded
   * file: the flows' Media Uri (e.g. `{{PROCESSING_CUE_AUDIO_URI}}`), the form Connect's Play prompt
   * documents for S3 audio. Regional, since the global `<bucket>.s3.amazonaws.com` answers 400 for
   * buckets in Regions launched after March 2019.
   */
  uri(fileName: string): string {
    const key = this.objectKeys.get(fileName);
    if (!key) {
      throw new Error(
        `PromptAudioBucket has no audio file named "${fileName}"; it has ${[...this.objectKeys.keys()].join(', ')}.`,
      );
    }
    return `https://${this.bucket.bucketRegionalDomainName}/${key}`;
  }
}
