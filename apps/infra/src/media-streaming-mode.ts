import { resolve } from 'node:path';
import {
  AsappAccessRole,
  FlowModule,
  IntegrationFunction,
  Network,
  PromptAudioBucket,
  ValkeyCache,
} from '@genagent-connect/constructs';
import { Construct } from 'constructs';
import { capacityPlan, reservedConcurrency } from './capacity';
import type { EnvironmentConfig } from './config/environment-schema';
import { engageEnvironment, pullActionEnvironment, pushActionEnvironment, type ValkeyEndpoint } from './function-environment';
import { readFlowTemplate } from './flow-templates';
import { mediaStreamSource } from './media-stream-source';
import { functionProps } from './function-props';
import { networkProps } from './network-props';
import { flowModulesDir } from './paths';

export interface MediaStreamingModeProps {
  /** The validated environment file. */
  readonly config: EnvironmentConfig;
  /** Secret with the ASAPP API id and secret; Engage gets its ARN. */
  readonly credentialsSecretArn: string;
}

/** The processing cue Connect plays from S3 while GenerativeAgent works (no Connect prompt resource exists). */
const processingCueFile = 'processing-cue.wav';

/**
 * Media streaming mode as ASAPP's guide sets it up: VPC + security groups, Valkey, Engage (outside
 * the VPC), PushAction and PullAction (inside, next to Valkey), live media streaming of the
 * instance, the role ASAPP assumes, and the processing-cue audio.
 */
export class MediaStreamingMode extends Construct {
  readonly engage: IntegrationFunction;
  readonly pushAction: IntegrationFunction;
  readonly pullAction: IntegrationFunction;
  readonly valkey: ValkeyCache;
  readonly accessRole: AsappAccessRole;
  readonly streamPrefix: string;
  readonly promptAudio: PromptAudioBucket;
  readonly flowModule: FlowModule;

  constructor(scope: Construct, id: string, props: MediaStreamingModeProps) {
    super(scope, id);
    const { config } = props;
    const network = new Network(this, 'network', networkProps(config));

    this.valkey = new ValkeyCache(this, 'valkey', {
      namePrefix: config.namePrefix,
      subnetIds: network.subnetIds,
      securityGroupIds: [network.valkeySecurityGroupId],
      nodeType: config.valkey.nodeType,
      engineVersion: config.valkey.engineVersion,
      replicas: config.valkey.replicas,
      transitEncryption: config.valkey.transitEncryption,
    });
    const endpoint: ValkeyEndpoint = {
      host: this.valkey.host,
      port: this.valkey.port,
      tls: this.valkey.transitEncryption,
      ...(this.valkey.authSecretArn ? { authSecretArn: this.valkey.authSecretArn } : {}),
    };
    const valkeySecrets = this.valkey.authSecretArn ? [this.valkey.authSecretArn] : [];

    this.engage = new IntegrationFunction(this, 'engage', {
      ...functionProps(config, 'engage'),
      description: 'Engages GenerativeAgent for a call (invoked by the flow module)',
      // The flow waits 8 s; ASAPP's own function allows 15 s so a slow answer is still logged.
      timeoutSeconds: 15,
      environment: engageEnvironment(config, props.credentialsSecretArn),
      secretArns: [props.credentialsSecretArn],
      connectInstanceArn: config.connectInstanceArn,
    });
    this.pushAction = new IntegrationFunction(this, 'push-action', {
      ...functionProps(config, 'push-action'),
      description: "Queues GenerativeAgent's actions in Valkey (invoked by ASAPP through its access role)",
      // No flow limit here; room for a cold start inside the VPC.
      timeoutSeconds: 5,
      environment: pushActionEnvironment(config, endpoint),
      secretArns: valkeySecrets,
      vpc: { subnetIds: network.subnetIds, securityGroupIds: [network.pushActionSecurityGroupId] },
    });
    const pullActionReserved = reservedConcurrency(capacityPlan(config), 'pull-action');
    this.pullAction = new IntegrationFunction(this, 'pull-action', {
      ...functionProps(config, 'pull-action'),
      description: 'Hands the flow the next queued action (invoked by the flow module)',
      // The module gives it 8 s; a long-poll waits at most 5 s of that.
      timeoutSeconds: 8,
      environment: pullActionEnvironment(config, endpoint),
      secretArns: valkeySecrets,
      vpc: { subnetIds: network.subnetIds, securityGroupIds: [network.pullActionSecurityGroupId] },
      connectInstanceArn: config.connectInstanceArn,
      // Long-poll keeps one PullAction per call running, and a throttled one ends the call.
      ...(pullActionReserved === undefined ? {} : { reservedConcurrentExecutions: pullActionReserved }),
    });

    const streams = mediaStreamSource(this, config);
    this.streamPrefix = streams.streamPrefix;

    this.accessRole = new AsappAccessRole(this, 'asapp-access', {
      namePrefix: config.namePrefix,
      trustedRoleArns: config.asapp.assumingRoleArns,
      ...(config.asapp.externalId ? { externalId: config.asapp.externalId } : {}),
      connectInstanceArn: config.connectInstanceArn,
      streamPrefix: this.streamPrefix,
      ...(streams.kmsKeyArn ? { kmsKeyArn: streams.kmsKeyArn } : {}),
      pushActionAliasArn: this.pushAction.aliasArn,
    });

    this.promptAudio = new PromptAudioBucket(this, 'prompt-audio', {
      namePrefix: config.namePrefix,
      connectInstanceArn: config.connectInstanceArn,
      audioFiles: [resolve(flowModulesDir, 'audio', processingCueFile)],
    });

    this.flowModule = new FlowModule(this, 'generative-agent-module', {
      namePrefix: config.namePrefix,
      connectInstanceArn: config.connectInstanceArn,
      template: readFlowTemplate('generativeAgentModule'),
      placeholders: {
        ENGAGE_LAMBDA_ARN: this.engage.aliasArn,
        PULL_ACTION_LAMBDA_ARN: this.pullAction.aliasArn,
        PROCESSING_CUE_AUDIO_URI: this.promptAudio.uri(processingCueFile),
      },
      outputVariables: config.outputVariables,
      dependsOn: [...this.engage.connectAccess, ...this.pullAction.connectAccess, ...this.promptAudio.connectAccess],
    });
  }
}
