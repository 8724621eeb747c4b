import { ExistingMediaStreaming, MediaStreaming } from '@genagent-connect/constructs';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from './config/environment-schema';

/** Where ASAPP reads the instance's media streams. */
export interface MediaStreamSource {
  /** Kinesis Video Streams prefix of the instance's streams: scopes ASAPP's role, and ASAPP is told it. */
  readonly streamPrefix: string;
  /** A key ASAPP's role must be allowed to decrypt with. @default none (the AWS managed key of a created config) */
  readonly kmsKeyArn?: string;
}

/**
 * The instance's live media streaming: the MEDIA_STREAMS config the stack creates (protected from destroy unless the
 * environment says otherwise), or the one the instance already has, named by its prefix or read by association id.
 */
export function mediaStreamSource(scope: Construct, config: EnvironmentConfig): MediaStreamSource {
  const streams = config.mediaStreams;
  if ('create' in streams) {
    const created = new MediaStreaming(scope, 'media-streaming', {
      connectInstanceArn: config.connectInstanceArn,
      streamPrefix: streams.create.prefix ?? config.namePrefix,
      retentionHours: streams.create.retentionHours,
      protectFromDestroy: streams.create.protectFromDestroy,
      ...(streams.create.kmsKeyArn ? { kmsKeyArn: streams.create.kmsKeyArn } : {}),
    });
    // The AWS managed key's policy already admits callers of the account through Kinesis Video Streams.
    return { streamPrefix: created.streamPrefix, ...(streams.create.kmsKeyArn ? { kmsKeyArn: streams.create.kmsKeyArn } : {}) };
  }
  if ('associationId' in streams.existing) {
    // Whatever key the config uses (customer-managed or not), decrypting with it is what reading the streams needs.
    const existing = new ExistingMediaStreaming(scope, 'media-streaming', {
      connectInstanceArn: config.connectInstanceArn,
      associationId: streams.existing.associationId,
    });
    return { streamPrefix: existing.streamPrefix, kmsKeyArn: existing.kmsKeyArn };
  }
  const { prefix, kmsKeyArn } = streams.existing;
  return { streamPrefix: prefix, ...(kmsKeyArn ? { kmsKeyArn } : {}) };
}
