import { DataAwsConnectInstanceStorageConfig } from '@cdktf/provider-aws/lib/data-aws-connect-instance-storage-config';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';

export interface ExistingMediaStreamingProps {
  /** The Connect instance whose live media streaming is already configured. */
  readonly connectInstanceArn: string;
  /**
   * Association id of the instance's MEDIA_STREAMS storage config
   * (`aws connect list-instance-storage-configs --instance-id <id> --resource-type MEDIA_STREAMS`).
   */
  readonly associationId: string;
}

/** InstanceStorageConfig.AssociationId: 1-100 characters (the API gives no character set; no spaces in practice). */
const associationIdPattern = /^\S{1,100}$/;

/**
 * The live media streaming an instance already has (Contact Lens or another integration set it up), read with the
 * `aws_connect_instance_storage_config` data source: nothing is created or changed, so the stack never owns, and
 * `cdktf destroy` never removes, the instance's only MEDIA_STREAMS config.
 */
export class ExistingMediaStreaming extends Construct {
  readonly storageConfig: DataAwsConnectInstanceStorageConfig;
  /** The config's Kinesis Video Streams prefix (resolved at plan time). */
  readonly streamPrefix: string;
  /** Full ARN of the key the config encrypts streams with (Connect requires the full ARN there). */
  readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: ExistingMediaStreamingProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.associationId) && !associationIdPattern.test(props.associationId)) {
      throw new Error(
        `ExistingMediaStreaming associationId "${props.associationId}" is not a storage config association id; list it with aws connect list-instance-storage-configs --resource-type MEDIA_STREAMS.`,
      );
    }
    const instance = parseConnectInstanceArn(props.connectInstanceArn);
    this.storageConfig = new DataAwsConnectInstanceStorageConfig(this, 'media-streams', {
      instanceId: instance.instanceId,
      associationId: props.associationId,
      resourceType: 'MEDIA_STREAMS',
    });
    const kvs = this.storageConfig.storageConfig.get(0).kinesisVideoStreamConfig.get(0);
    this.streamPrefix = kvs.prefix;
    this.kmsKeyArn = kvs.encryptionConfig.get(0).keyId;
  }
}
