import { ConnectInstanceStorageConfig } from '@cdktf/provider-aws/lib/connect-instance-storage-config';
import { DataAwsKmsAlias } from '@cdktf/provider-aws/lib/data-aws-kms-alias';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';

export interface MediaStreamingProps {
  /** The Connect instance whose live media streaming this configures. */
  readonly connectInstanceArn: string;
  /**
   * Kinesis Video Streams prefix; Connect names each call's stream `<prefix>-connect-…`. ASAPP's
   * role is scoped to streams starting with it. 1-128 letters, digits, "-", "_" or ".".
   */
  readonly streamPrefix: string;
  /** Hours Connect keeps each stream; ASAPP needs at least 1. @default 24 */
  readonly retentionHours?: number;
  /**
   * Customer-managed KMS key (full ARN) encrypting the streams; ASAPP's role then also needs
   * kms:Decrypt on it (`AsappAccessRole.kmsKeyArn`).
   * @default the AWS managed key `alias/aws/kinesisvideo`, looked up by a data source (AWS creates
   * that key the first time Kinesis Video Streams is used in the account and region)
   */
  readonly kmsKeyArn?: string;
  /**
   * `prevent_destroy` on the storage config: the instance has one MEDIA_STREAMS config, shared with Contact Lens
   * and any other integration reading its streams, so `cdktf destroy` (or a replacement) fails instead of turning
   * live media streaming off for the whole instance. Set false to remove it deliberately.
   * @default true
   */
  readonly protectFromDestroy?: boolean;
}

const streamPrefixPattern = /^[A-Za-z0-9_.-]{1,128}$/;

/** Kinesis Video Streams retention Connect accepts: 1 hour (ASAPP's minimum) to 10 years. */
export const mediaStreamRetentionHours = { min: 1, max: 87_600 } as const;

/**
 * Live media streaming of the Connect instance (Data storage > Live media streaming): the
 * instance storage config for MEDIA_STREAMS. Kinesis Video Streams encryption is mandatory in the
 * API, hence the KMS key. An instance has one MEDIA_STREAMS config: when it already has one, use
 * `ExistingMediaStreaming` (or its prefix) instead of creating a second.
 */
export class MediaStreaming extends Construct {
  readonly storageConfig: ConnectInstanceStorageConfig;
  readonly streamPrefix: string;
  readonly retentionHours: number;
  /** The key the streams are encrypted with (customer-managed or the AWS managed one). */
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: MediaStreamingProps) {
    super(scope, id);
    const instance = parseConnectInstanceArn(props.connectInstanceArn);
    this.retentionHours = props.retentionHours ?? 24;
    const { min, max } = mediaStreamRetentionHours;
    if (!Number.isInteger(this.retentionHours) || this.retentionHours < min || this.retentionHours > max) {
      throw new Error(
        `MediaStreaming retentionHours ${this.retentionHours} must be a whole number of hours from ${min} (ASAPP's minimum) to ${max}.`,
      );
    }
    if (!Token.isUnresolved(props.streamPrefix) && !streamPrefixPattern.test(props.streamPrefix)) {
      throw new Error(
        `MediaStreaming streamPrefix "${props.streamPrefix}" must be 1-128 letters, digits, "-", "_" or ".".`,
      );
    }
    this.streamPrefix = props.streamPrefix;
    this.kmsKeyArn =
      props.kmsKeyArn ?? new DataAwsKmsAlias(this, 'kinesisvideo-key', { name: 'alias/aws/kinesisvideo' }).targetKeyArn;

    this.storageConfig = new ConnectInstanceStorageConfig(this, 'media-streams', {
      instanceId: instance.instanceId,
      resourceType: 'MEDIA_STREAMS',
      storageConfig: {
        storageType: 'KINESIS_VIDEO_STREAM',
        kinesisVideoStreamConfig: {
          prefix: this.streamPrefix,
          retentionPeriodHours: this.retentionHours,
          encryptionConfig: { encryptionType: 'KMS', keyId: this.kmsKeyArn },
        },
      },
      lifecycle: { preventDestroy: props.protectFromDestroy ?? true },
    });
  }
}
