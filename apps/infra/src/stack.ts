import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { LambdaName } from '@genagent-connect/lambdas/bundles';
import type { MetricDimensions } from '@genagent-connect/lambdas/metrics-catalog';
import { AsappCredentialsSecret, ContactFlow, LogQueries, type MonitoredFunction, Monitoring } from '@genagent-connect/constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { configureBackend } from './backend';
import type { EnvironmentConfig } from './config/environment-schema';
import { readFlowTemplate } from './flow-templates';
import { metricDimensions } from './function-environment';
import { MediaStreamingMode } from './media-streaming-mode';
import { providerCredentials } from './provider-credentials';
import { PstnTransferMode } from './pstn-transfer-mode';

/**
 * One environment of the GenerativeAgent integration, from `environments/<name>.json`: the modes it
 * turns on, the ASAPP credentials secret, and the outputs a customer hands to ASAPP.
 */
export class GenerativeAgentStack extends TerraformStack {
  readonly mediaStreaming?: MediaStreamingMode;
  readonly pstnTransfer?: PstnTransferMode;

  constructor(scope: Construct, environmentName: string, config: EnvironmentConfig) {
    super(scope, environmentName);
    new AwsProvider(this, 'aws', {
      region: config.region,
      // A wrong profile or role must not deploy this environment into another account.
      allowedAccountIds: [config.accountId],
      ...providerCredentials(config.deploy),
      defaultTags: [
        { tags: { Project: 'asapp-generativeagent', Environment: environmentName, ManagedBy: 'cdktf', ...config.tags } },
      ],
    });
    configureBackend(this, environmentName, config.backend);

    const credentials = this.asappCredentialsSecret(config);
    const credentialsSecretArn = credentials.secretArn;
    new TerraformOutput(this, 'asapp_credentials_secret_arn', {
      description: 'Secret to fill with {"apiId": "...", "apiSecret": "..."} from ASAPP (see README)',
      value: credentialsSecretArn,
    });

    if (config.modes.mediaStreaming) {
      this.mediaStreaming = new MediaStreamingMode(this, 'media-streaming', { config, credentialsSecretArn });
      this.mediaStreamingOutputs(this.mediaStreaming);
    }
    if (config.modes.pstnTransfer) {
      this.pstnTransfer = new PstnTransferMode(this, 'pstn-transfer', { config, credentialsSecretArn });
      new TerraformOutput(this, 'pstn_transfer_flow_id', {
        description: 'The PSTN transfer flow: transfer callers to it where GenerativeAgent should take over',
        value: this.pstnTransfer.transferFlow.contactFlowId,
      });
    }
    for (const reader of [this.mediaStreaming?.engage, this.pstnTransfer?.callTransfer, this.pstnTransfer?.callContext]) {
      if (reader) credentials.grantRead(reader);
    }
    if (config.sampleInboundFlow && this.mediaStreaming) {
      this.sampleInboundFlow(config, this.mediaStreaming);
    }

    new Monitoring(this, 'monitoring', {
      namePrefix: config.namePrefix,
      region: config.region,
      functions: this.monitoredFunctions(config),
      ...(this.mediaStreaming ? { valkeyCacheClusterIds: this.mediaStreaming.valkey.cacheClusterIds } : {}),
      ...(config.alarms.snsTopicArn ? { alarmTopicArn: config.alarms.snsTopicArn } : {}),
      ...(config.alarms.runbookUrl ? { runbookUrl: config.alarms.runbookUrl } : {}),
      callMetrics: { namespace: config.metricsNamespace, dimensions: this.metricDimensions(config) },
      ...(config.alarms.queueWaitP99Ms ? { callAlarmThresholds: { queueWaitP99Ms: config.alarms.queueWaitP99Ms } } : {}),
    });
    const functions = [this.mediaStreaming?.engage, this.mediaStreaming?.pushAction, this.mediaStreaming?.pullAction,
      this.pstnTransfer?.callTransfer, this.pstnTransfer?.callContext].filter((fn) => fn !== undefined);
    if (functions.length > 0) {
      new LogQueries(this, 'log-queries', { namePrefix: config.namePrefix, logGroupNames: functions.map((fn) => fn.logGroup.name) });
    }
  }

  /** A ready-to-call flow that sets the company marker and runs the module: point a test number at it. */
  private sampleInboundFlow(config: EnvironmentConfig, mode: MediaStreamingMode): void {
    const flow = new ContactFlow(this, 'sample-inbound-flow', {
      namePrefix: config.namePrefix,
      name: 'sample-inbound',
      connectInstanceArn: config.connectInstanceArn,
      description: 'Sample: sets ASAPP_CompanyMarker, hands the call to GenerativeAgent and routes on ASAPP_Disposition',
      template: readFlowTemplate('sampleInboundFlow'),
      placeholders: {
        ASAPP_COMPANY_MARKER: config.asapp.companyMarker,
        GENERATIVE_AGENT_MODULE_ARN: mode.flowModule.arn,
      },
    });
    new TerraformOutput(this, 'sample_inbound_flow_id', {
      description: 'Sample inbound flow: assign a test phone number to it',
      value: flow.contactFlowId,
    });
  }

  /**
   * Every function with the time its caller waits (flow limits: 8 s for Engage, PullAction and PSTN), and PullAction's
   * long-poll wait, which an idle call spends in full on every invocation.
   */
  private monitoredFunctions(config: EnvironmentConfig): MonitoredFunction[] {
    const watched = (fn: { functionName: string; timeoutSeconds: number }, callerWaitSeconds = fn.timeoutSeconds) => ({
      functionName: fn.functionName,
      limitMs: Math.min(callerWaitSeconds, fn.timeoutSeconds) * 1000,
    });
    const media = this.mediaStreaming;
    const pstn = this.pstnTransfer;
    const longPollWaitMs = config.pullMode.mode === 'longPoll' ? config.pullMode.maxWaitMs : 0;
    return [
      ...(media
        ? [watched(media.engage, 8), watched(media.pushAction), { ...watched(media.pullAction, 8), designedWaitMs: longPollWaitMs }]
        : []),
      ...(pstn ? [watched(pstn.callTransfer, 8), watched(pstn.callContext, 8)] : []),
    ];
  }

  /** The dimensions of each deployed function's metrics, for the alarms and the dashboard. */
  private metricDimensions(config: EnvironmentConfig): Partial<Record<LambdaName, MetricDimensions>> {
    const deployed: LambdaName[] = [
      ...(this.mediaStreaming ? (['engage', 'push-action', 'pull-action'] as const) : []),
      ...(this.pstnTransfer ? (['call-transfer', 'call-context'] as const) : []),
    ];
    return Object.fromEntries(deployed.map((name) => [name, metricDimensions(config, name)]));
  }

  /** The secret the ASAPP-calling Lambdas read `{apiId, apiSecret}` from: created empty, or the environment's own. */
  private asappCredentialsSecret(config: EnvironmentConfig): AsappCredentialsSecret {
    const secret = config.asapp.credentialsSecret;
    return new AsappCredentialsSecret(this, 'asapp-credentials', {
      namePrefix: config.namePrefix,
      ...('existingArn' in secret
        ? { existing: { secretArn: secret.existingArn, ...(secret.kmsKeyArn ? { kmsKeyArn: secret.kmsKeyArn } : {}) } }
        : { recoveryWindowInDays: secret.recoveryWindowInDays }),
    });
  }

  /** What the customer sends ASAPP after a deploy. */
  private mediaStreamingOutputs(mode: MediaStreamingMode): void {
    new TerraformOutput(this, 'asapp_access_role_arn', {
      description: 'Send to ASAPP: the role GenerativeAgent assumes',
      value: mode.accessRole.roleArn,
    });
    new TerraformOutput(this, 'push_action_alias_arn', {
      description: 'Send to ASAPP: the PushAction Lambda (alias) GenerativeAgent invokes',
      value: mode.pushAction.aliasArn,
    });
    new TerraformOutput(this, 'flow_module_id', {
      description: 'The GenerativeAgent flow module: invoke it from your flows after setting ASAPP_CompanyMarker',
      value: mode.flowModule.moduleId,
    });
    new TerraformOutput(this, 'kinesis_video_stream_prefix', {
      description: 'Send to ASAPP: prefix of the media streams of the Connect instance',
      value: mode.streamPrefix,
    });
  }
}
