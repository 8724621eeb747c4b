import { isAbsolute, win32 } from 'node:path';
import { logRetentionDays, mediaStreamRetentionHours } from '@genagent-connect/constructs';
import { LAMBDA_NAMES, type LambdaName } from '@genagent-connect/lambdas/bundles';
import { parseSsmlConversion } from '@genagent-connect/lambdas/ssml';
import { z } from 'zod';
import { awsFormats } from './aws-formats';
import { connectRegions } from './connect-regions';
import { maxNamePrefixLength } from './name-prefix';

/** The functions that exist only in PSTN transfer mode; the others only in media streaming mode. */
const pstnFunctions: ReadonlySet<string> = new Set(['call-transfer', 'call-context']);

const matching = (format: RegExp, expected: string) => z.string().regex(format, { error: `expected ${expected}` });

/** A variable name; output variables end up in `$.External.outputVariables.<name>`, so no dots, dashes or spaces. */
const variableName = matching(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'a variable name of letters, digits and "_", not starting with a digit');
/** Contact attribute keys Connect accepts. */
const contactAttributeName = matching(/^[A-Za-z0-9_-]{1,127}$/, 'a contact attribute name of letters, digits, "_" and "-"');

const networkSchema = z.union(
  [
    z.strictObject({
      /** Create a dedicated VPC with two private isolated subnets (no internet or NAT gateway) in two AZs. */
      create: z.strictObject({
        /** VPC CIDR block, /16 to /27; split in two halves, one subnet per AZ. */
        cidr: matching(awsFormats.ipv4Cidr, 'an IPv4 CIDR block like 10.20.0.0/16'),
      }),
    }),
    z.strictObject({
      /** Use an existing VPC; its subnets must be private and isolated (no route to the internet). */
      existing: z.strictObject({
        vpcId: matching(awsFormats.vpcId, 'a VPC id like vpc-0123456789abcdef0'),
        /**
         * At least two private isolated subnets in different Availability Zones: each either a subnet id, or
         * `{id, availabilityZone}` so the two-AZ rule is checked at synth rather than at apply.
         */
        privateSubnets: z
          .array(
            z.union(
              [
                matching(awsFormats.subnetId, 'a subnet id like subnet-0123456789abcdef0'),
                z.strictObject({
                  id: matching(awsFormats.subnetId, 'a subnet id like subnet-0123456789abcdef0'),
                  availabilityZone: matching(awsFormats.availabilityZone, 'an Availability Zone like eu-west-2a'),
                }),
              ],
              { error: 'expected a subnet id like "subnet-0123456789abcdef0" or {"id": ..., "availabilityZone": ...}' },
            ),
          )
          .min(2, { error: 'expected at least two private isolated subnets, in two different Availability Zones' }),
        /**
         * With `valkey.transitEncryption`, how the Lambdas reach Secrets Manager for the AUTH token: a new
         * interface endpoint with private DNS (one subnet per AZ), or the VPC's own endpoint, whose security
         * group the Lambda groups get egress 443 to (and, unless `addIngressRules` is false, ingress rules on
         * it from them). A VPC can have only one endpoint per service with private DNS: if it has one, use it.
         */
        secretsManagerEndpoint: z
          .union(
            [
              z.strictObject({ create: z.literal(true) }),
              z.strictObject({
                existing: z.strictObject({
                  securityGroupId: matching(awsFormats.securityGroupId, 'a security group id like sg-0123456789abcdef0'),
                  /** False when that group's rules are managed elsewhere; it must then accept 443 from the Lambda groups. */
                  addIngressRules: z.boolean().default(true),
                }),
              }),
            ],
            {
              error:
                'expected {"create": true} or {"existing": {"securityGroupId": "sg-..."}} (the security group of the VPC\'s own Secrets Manager endpoint)',
            },
          )
          .default({ create: true }),
      }),
    }),
  ],
  { error: 'expected {"create": {"cidr": ...}} or {"existing": {"vpcId": ..., "privateSubnets": [...]}}' },
);

const backendSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('local'),
      /** State file path, relative to apps/infra. Default `terraform.<environment>.tfstate`. */
      path: z
        .string()
        .min(1)
        .refine((path) => !isAbsolute(path) && !win32.isAbsolute(path), {
          error: 'expected a path relative to apps/infra: an absolute path ties the stack to the machine that synthesized it',
        })
        .optional(),
    }),
    z.strictObject({
      type: z.literal('s3'),
      bucket: matching(awsFormats.s3BucketName, 'an S3 bucket name'),
      /** Object key of the state, e.g. `genagent/staging.tfstate`. */
      key: z.string().min(1, { error: 'expected the state object key, e.g. "genagent/staging.tfstate"' }),
      region: matching(awsFormats.region, 'an AWS region like eu-west-2'),
      /** S3-native state locking (Terraform ≥ 1.10); the DynamoDB lock table is deprecated. */
      useLockfile: z.literal(true, { error: 'expected true: state is locked with an S3 lock file' }).default(true),
    }),
    z.strictObject({
      type: z.literal('cloud'),
      organization: matching(awsFormats.terraformCloudName, 'a Terraform Cloud organization name'),
      workspace: matching(awsFormats.terraformCloudName, 'a Terraform Cloud workspace name'),
      /** For Terraform Enterprise. Default app.terraform.io. */
      hostname: z.string().min(1).optional(),
    }),
  ],
  { error: 'expected a backend "type" of "local", "s3" or "cloud"' },
);

const streamPrefix = matching(awsFormats.kinesisVideoStreamPrefix, 'letters, digits, "_", "." and "-", at most 128');
const kmsKeyArn = matching(awsFormats.kmsKeyArn, 'a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id>');

/** The instance's MEDIA_STREAMS config, named by its prefix (and key) or read by its association id. */
export type ExistingMediaStreams = { readonly associationId: string } | { readonly prefix: string; readonly kmsKeyArn?: string };
/** The MEDIA_STREAMS config the stack creates, defaults applied. */
export interface CreatedMediaStreams {
  readonly prefix?: string;
  readonly retentionHours: number;
  readonly kmsKeyArn?: string;
  readonly protectFromDestroy: boolean;
}
export type MediaStreamsConfig = { readonly create: CreatedMediaStreams } | { readonly existing: ExistingMediaStreams };

/** The instance's live media streaming as it is: nothing is created, ASAPP's role reads its streams. */
const existingMediaStreamsSchema = z
  .strictObject({
    /**
     * The instance's Kinesis video stream prefix: the one it was set up with, or the `<prefix>-connect-<alias>-contact-`
     * form the API and console show; ASAPP's role may read `stream/<prefix>*`. Up to 256 characters, as a stream name.
     */
    prefix: matching(/^[a-zA-Z0-9_.-]{1,256}$/, 'letters, digits, "_", "." and "-", at most 256 (a stream name)').optional(),
    /** With `prefix`: the customer-managed KMS key of the streams, so ASAPP's role gets kms:Decrypt on it. */
    kmsKeyArn: kmsKeyArn.optional(),
    /** Instead of `prefix`: the MEDIA_STREAMS storage config's association id; prefix and key are read from it. */
    associationId: matching(
      /^\S{1,100}$/,
      'the AssociationId that aws connect list-instance-storage-configs --resource-type MEDIA_STREAMS prints',
    ).optional(),
  })
  .superRefine((existing, ctx) => {
    if ((existing.prefix === undefined) === (existing.associationId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'expected either "prefix" (the Kinesis video stream prefix in the Connect console) or "associationId" (of the MEDIA_STREAMS storage config), not both or neither',
      });
    }
    if (existing.associationId !== undefined && existing.kmsKeyArn !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['kmsKeyArn'],
        message: 'expected no kmsKeyArn with associationId: the key is read from the storage config; drop it',
      });
    }
  })
  .transform(
    (existing): ExistingMediaStreams =>
      existing.associationId !== undefined
      ? { associationId: existing.associationId }
        : { prefix: existing.prefix as string, ...(existing.kmsKeyArn ? { kmsKeyArn: existing.kmsKeyArn } : {}) },
  );

/** Fields that only configure a created MEDIA_STREAMS config. */
const createdMediaStreamsFields = ['prefix', 'retentionHours', 'kmsKeyArn', 'protectFromDestroy'] as const;

const mediaStreamsSchema = z
  .strictObject({
    /** Stream name prefix of the created config; ASAPP's role may read `stream/<prefix>*`. Default: the name prefix. */
    prefix: streamPrefix.optional(),
    /** Hours Kinesis Video Streams keeps each call's audio (created config). Default 24. */
    retentionHours: z
      .int({ error: 'expected a whole number of hours' })
      .min(mediaStreamRetentionHours.min, { error: 'expected at least 1 hour (ASAPP reads the live stream)' })
      .max(mediaStreamRetentionHours.max, { error: 'expected at most 87600 hours (10 years)' })
      .optional(),
    /** Customer-managed KMS key for the created config's streams (in `region`). Default: the AWS-managed key. */
    kmsKeyArn: kmsKeyArn.optional(),
    /**
     * `prevent_destroy` on the created config: `cdktf destroy` fails rather than turn live media streaming off for
     * the whole instance (Contact Lens and other integrations share it). Set false to remove it on purpose. Default true.
     */
    protectFromDestroy: z.boolean({ error: 'expected true or false' }).optional(),
    /** The instance already streams media (one MEDIA_STREAMS config per instance): use it, create nothing. */
    existing: existingMediaStreamsSchema.optional(),
  })
  .superRefine((streams, ctx) => {
    if (streams.existing === undefined) return;
    for (const field of createdMediaStreamsFields) {
      if (streams[field] !== undefined) {
        const move = field === 'prefix' || field === 'kmsKeyArn' ? `give it as existing.${field}` : 'drop it';
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `expected no ${field} next to "existing": the stack leaves the existing config as it is; ${move}`,
        });
      }
    }
  })
  .transform(
    ({ existing, prefix, retentionHours, kmsKeyArn, protectFromDestroy }): MediaStreamsConfig =>
      existing !== undefined
      ? { existing }
      : {
          create: {
            ...(prefix !== undefined ? { prefix } : {}),
            retentionHours: retentionHours ?? 24,
            ...(kmsKeyArn !== undefined ? { kmsKeyArn } : {}),
            protectFromDestroy: protectFromDestroy ?? true,
          },
        },
  )
  .prefault({});

/** Secret Manager's recovery window: DeleteSecret takes 7-30 days, or deletes at once (ForceDeleteWithoutRecovery). */
const recoveryWindowInDays = z
  .int({ error: 'expected a whole number of days' })
  .refine((days) => days === 0 || (days >= 7 && days <= 30), {
    error: 'expected 0 (delete at once, no recovery) or 7 to 30 days (the recovery windows Secrets Manager allows)',
  });

const credentialsSecretSchema = z
  .union(
    [
      z.strictObject({
        create: z.literal(true),
        /** Days a destroyed secret stays restorable (0 or 7-30). Default 30; 0 suits throwaway dev environments. */
        recoveryWindowInDays: recoveryWindowInDays.default(30),
      }),
      z.strictObject({
        existingArn: matching(awsFormats.secretArn, 'a Secrets Manager secret ARN').regex(/-[A-Za-z0-9]{6}$/, {
          error:
            'expected the full ARN, ending in the 6 characters Secrets Manager appends to the name (aws secretsmanager describe-secret --secret-id <name> --query ARN)',
        }),
        /** Customer-managed KMS key of the secret: the Lambdas reading it get kms:Decrypt, via Secrets Manager only. */
        kmsKeyArn: kmsKeyArn.optional(),
      }),
    ],
    {
      error:
        'expected {"create": true, "recoveryWindowInDays"?: 0 | 7-30} or {"existingArn": "arn:aws:secretsmanager:...", "kmsKeyArn"?: "arn:aws:kms:..."}',
    },
  )
  .default({ create: true, recoveryWindowInDays: 30 });

/**
 * The credentials the AWS provider deploys with. Absent: the provider's default chain (AWS_PROFILE, environment
 * variables, Terraform Cloud's dynamic provider credentials).
 */
const deploySchema = z
  .strictObject({
    /** Named profile of the shared AWS config/credentials files; with `assumeRoleArn`, the credentials that assume it. */
    profile: matching(awsFormats.awsProfileName, 'an AWS profile name from ~/.aws/config, without spaces').optional(),
    /** Role the provider assumes before every call, in `accountId`. */
    assumeRoleArn: matching(awsFormats.iamRoleArn, 'an IAM role ARN like arn:aws:iam::111111111111:role/genagent-deployer').optional(),
    /** sts:ExternalId the role's trust policy requires, if any. */
    externalId: matching(awsFormats.externalId, '2 to 1224 characters of letters, digits and "+=,.@:/-_"').optional(),
    /** Session name of the assumed role (shows in CloudTrail). */
    sessionName: matching(awsFormats.roleSessionName, '2 to 64 characters of letters, digits and "+=,.@-_"').optional(),
  })
  .superRefine((deploy, ctx) => {
    if (deploy.profile === undefined && deploy.assumeRoleArn === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected a "profile", an "assumeRoleArn" or both (leave "deploy" out for the default credentials)' });
    }
    for (const field of ['externalId', 'sessionName'] as const) {
      if (deploy[field] !== undefined && deploy.assumeRoleArn === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `expected "assumeRoleArn" with it: ${field} belongs to the role to assume` });
      }
    }
  });

/** pull-action's call limits: up to the 6 h the call's Valkey keys live (MAX_CALL_LIMIT_SECONDS; a test keeps them equal). */
const callLimitSeconds = z
  .int({ error: 'expected whole seconds' })
  .min(1, { error: 'expected at least 1 s' })
  .max(21_600, { error: "expected at most 21600 s (6 h): the call's Valkey keys live that long" });

const ssmlConversionSchema = z
  .strictObject({
    /** A JavaScript regular expression, applied with flags `gi`. */
    searchFor: z
      .string()
      .min(1, { error: 'expected a non-empty regular expression' })
      .superRefine((pattern, ctx) => {
        try {
          new RegExp(pattern, 'gi');
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `expected a valid regular expression: ${(error as Error).message}` });
        }
      }),
    /** Well-formed SSML markup, inserted verbatim; `$&`, `$1`, `$<name>` insert the matched text. */
    replaceWith: z.string(),
  })
  .superRefine((rule, ctx) => {
    // pull-action's own check (SSML_CONVERSIONS), so a bad replacement stops synth instead of every matching speak.
    const parsed = parseSsmlConversion(rule);
    if (!parsed.ok && parsed.field === 'replaceWith') {
      ctx.addIssue({ code: 'custom', path: ['replaceWith'], message: parsed.problem });
    }
  });

/**
 * One deployment of the integration: `environments/<name>.json`. Only `accountId`, `region`,
 * `connectInstanceArn`, `namePrefix` and `asapp.{companyMarker, assumingRoleArns}` are required.
 */
export const environmentSchema = z
  .strictObject({
    /** Optional pointer to the generated JSON schema, for editor completion. */
    $schema: z.string().optional(),
    /** AWS account the stack deploys to (the provider refuses any other account). */
    accountId: matching(awsFormats.accountId, 'a 12-digit AWS account id'),
    /** AWS region of the Connect instance and of everything the stack creates; one where Amazon Connect is offered. */
    region: matching(awsFormats.region, 'an AWS region like eu-west-2').refine(
      // A malformed region is already reported by its format.
      (region) => !awsFormats.region.test(region) || (connectRegions as readonly string[]).includes(region),
      { error: (issue) => `expected a region where Amazon Connect is offered, one of ${connectRegions.join(', ')}; got ${String(issue.input)}` },
    ),
    /** The existing Amazon Connect instance, in `accountId` and `region`. */
    connectInstanceArn: matching(
      awsFormats.connectInstanceArn,
      'arn:aws:connect:<region>:<12-digit account>:instance/<instance uuid>',
    ),
    /** Prefix of every resource name, e.g. `genagent-dev`; its length is bounded by the longest generated name. */
    namePrefix: z
      .string()
      .regex(/^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/, {
        error: 'expected lower-case letters, digits and single "-", starting with a letter and not ending with "-"',
      })
      .max(maxNamePrefixLength, {
        error: `expected at most ${maxNamePrefixLength} characters (the longest generated name must fit AWS limits)`,
      }),
    /** Tags on every resource (provider default_tags), on top of `Environment` and `ManagedBy`. */
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
    /** Which integrations to deploy; at least one. */
    modes: z
      .strictObject({
        /** Media streaming: Engage/PushAction/PullAction, Valkey, VPC, the GenerativeAgent flow module. */
        mediaStreaming: z.boolean().default(true),
        /** PSTN transfer: call-transfer and call-context Lambdas and the PSTN transfer flow. */
        pstnTransfer: z.boolean().default(false),
      })
      .default({ mediaStreaming: true, pstnTransfer: false })
      .refine((modes) => modes.mediaStreaming || modes.pstnTransfer, {
        error: 'expected at least one of mediaStreaming or pstnTransfer to be true',
      }),
    /** Also import a sample inbound flow that sets the company marker and runs the module (needs modes.mediaStreaming). */
    sampleInboundFlow: z.boolean().default(false),
    /** Network of the media streaming parts. Default: a new VPC 10.20.0.0/16. */
    network: networkSchema.default({ create: { cidr: '10.20.0.0/16' } }),
    /** ElastiCache for Valkey (media streaming mode). */
    valkey: z
      .strictObject({
        nodeType: matching(awsFormats.cacheNodeType, 'an ElastiCache node type like cache.t4g.micro').default('cache.t4g.micro'),
        /** Read replicas; at least 1 because the cache is Multi-AZ with automatic failover. */
        replicas: z
          .int({ error: 'expected a whole number of replicas' })
          .min(1, { error: 'expected at least 1 replica: the cache is Multi-AZ with automatic failover' })
          .max(5, { error: 'expected at most 5 replicas (ElastiCache limit per shard)' })
          .default(1),
        engineVersion: matching(awsFormats.valkeyEngineVersion, 'a Valkey version like "8.0"').default('8.0'),
        /** TLS in transit plus an AUTH token generated into Secrets Manager. */
        transitEncryption: z.boolean().default(false),
      })
      .default({ nodeType: 'cache.t4g.micro', replicas: 1, engineVersion: '8.0', transitEncryption: false }),
    /**
     * Connect live media streaming to Kinesis Video Streams (media streaming mode): created by the stack, or the
     * instance's existing config (`{"existing": ...}`).
     */
    mediaStreams: mediaStreamsSchema,
    asapp: z.strictObject({
      /** ASAPP API host, e.g. `https://api.asapp.com` or `https://api.sandbox.asapp.com`. */
      apiHost: matching(awsFormats.asappApiHost, 'a host name like "https://api.asapp.com" or "api.asapp.com"').default(
        'https://api.asapp.com',
      ),
      /** Your company's identifier in GenerativeAgent (given by ASAPP with the API credentials). */
      companyMarker: z
        .string({ error: 'expected the company marker ASAPP gave you, a non-empty string' })
        .regex(/^[\w.-]{1,128}$/, { error: 'expected the company marker ASAPP gave you: letters, digits, "_", "." and "-"' }),
      /** ARN(s) of ASAPP's GenerativeAgent role, trusted by the access role (one statement each). */
      assumingRoleArns: z
        .array(matching(awsFormats.iamRoleArn, 'an IAM role ARN like arn:aws:iam::000000000000:role/asapp-generativeagent'))
        .min(1, { error: 'expected at least one ASAPP role ARN to trust' }),
      /**
       * sts:ExternalId ASAPP must present when assuming the access role. Set it only when ASAPP gives you one: ASAPP's
       * guide has no external id, and a role requiring one ASAPP does not send denies every call.
       */
      externalId: matching(awsFormats.externalId, '2 to 1224 characters of letters, digits and "+=,.@:/-_"').optional(),
      /**
       * Secret holding `{"apiId": "...", "apiSecret": "..."}`: created empty by the stack (fill it out of band), or an
       * existing secret's ARN. Lambdas only get its ARN.
       */
      credentialsSecret: credentialsSecretSchema,
    }),
    /** Contact attribute → GenerativeAgent input variable; target `taskName` selects the task to enter. */
    attributesToInputVariables: z.record(contactAttributeName, variableName).default({}),
    /** Rewrites of GenerativeAgent text into SSML; when non-empty, speech is SSML. */
    ssmlConversions: z.array(ssmlConversionSchema).default([]),
    /** Output variable (on transferToSystem) → contact attribute the module sets. */
    outputVariables: z.record(variableName, contactAttributeName).default({}),
    /** How the flow waits for actions: ASAPP's poll loop, or long-poll (PullAction blocks up to `maxWaitMs`). */
    pullMode: z
      .discriminatedUnion(
        'mode',
        [
          z.strictObject({ mode: z.literal('poll') }),
          z.strictObject({
            mode: z.literal('longPoll'),
            maxWaitMs: z
              .int({ error: 'expected a whole number of milliseconds' })
              .min(1, { error: 'expected at least 1 ms' })
              // pull-action's MAX_PULL_WAIT_MS (a test keeps them equal): the module gives PullAction 8 s.
              .max(5000, { error: 'expected at most 5000 ms: PullAction must answer within the module\'s 8 s' }),
          }),
        ],
        { error: 'expected a pull "mode" of "poll" or "longPoll"' },
      )
      .default({ mode: 'poll' }),
    /**
     * GenerativeAgent sending nothing for this long (no push reaching PushAction) ends the module with
     * `ASAPP_Disposition = error`, instead of holding the caller in silence. pull-action's MAX_IDLE_SECONDS.
     */
    maxIdleSeconds: callLimitSeconds.default(120),
    /** A conversation lasting this long ends the module with `error` (a transfer or disengage still goes through). */
    maxConversationSeconds: callLimitSeconds.default(3600),
    /**
     * While Valkey fails a call's pulls (unreachable, silent, full) for less than this, PullAction answers `none` and
     * the caller hears the module's silence or cue; past it, `error`. Default 30 s, sized to a Multi-AZ failover; 0 =
     * no grace. pull-action's VALKEY_OUTAGE_GRACE_SECONDS (a test keeps the bounds equal).
     */
    valkeyOutageGraceSeconds: z
      .int({ error: 'expected a whole number of seconds' })
      .min(0, { error: 'expected 0 (no grace) or more seconds' })
      .max(120, { error: 'expected at most 120 s: a longer outage is no blip, the idle limit would end the call anyway' })
      .default(30),
    /** Provisioned concurrency of each function's alias; 0 (default) = on demand. */
    provisionedConcurrency: z
      .strictObject(
        Object.fromEntries(
          LAMBDA_NAMES.map((name) => [
            name,
            z.int({ error: 'expected a whole number' }).min(0, { error: 'expected 0 or more' }).max(1000).default(0),
          ]),
        ) as Record<LambdaName, z.ZodDefault<z.ZodInt>>,
      )
      .default({ engage: 0, 'push-action': 0, 'pull-action': 0, 'call-transfer': 0, 'call-context': 0 }),
    /**
     * Calls in GenerativeAgent at once at the busiest time. Sizes each function's Lambda concurrency (printed at
     * synth) and, in long-poll, pull-action's reserved concurrency (one execution per call).
     */
    peakConcurrentCalls: z
      .int({ error: 'expected a whole number of calls' })
      .min(1, { error: 'expected at least 1 call' })
      .max(100_000, { error: 'expected at most 100000 calls' })
      .default(10),
    /**
     * The account's Lambda "Concurrent executions" quota in `region` (1000 by default, shared by every function
     * there); synth fails when the functions' need at the peak plus the 100 Lambda keeps unreserved is more.
     */
    lambdaConcurrencyLimit: z
      .int({ error: 'expected a whole number of concurrent executions' })
      .min(1, { error: 'expected at least 1' })
      .default(1000),
    /** Retention of every Lambda log group. */
    logRetentionDays: z
      .number()
      .refine((days) => (logRetentionDays as readonly number[]).includes(days), {
        error: `expected a CloudWatch Logs retention: one of ${logRetentionDays.join(', ')}`,
      })
      .default(30),
    /** Powertools log level of the Lambdas. */
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    alarms: z
      .strictObject({
        /** SNS topic the alarms notify; without it alarms only show on the dashboard. */
        snsTopicArn: matching(awsFormats.snsTopicArn, 'an SNS topic ARN').optional(),
        /** Where alarm descriptions point (`<runbookUrl>#<section>`), e.g. the runbook in your repository host. */
        runbookUrl: z.url({ protocol: /^https$/, error: 'expected an https URL of docs/runbook.md' }).optional(),
        /** p99 of QueueWait (ms, push → pull) above which the queue-wait alarm fires. */
        queueWaitP99Ms: z.int({ error: 'expected a whole number of milliseconds' }).min(1).max(60_000).optional(),
      })
      .default({}),
    /** X-Ray active tracing of every function, with subsegments around the ASAPP and Valkey calls. */
    tracing: z.boolean({ error: 'expected true or false' }).default(false),
    /** CloudWatch namespace of the handlers' metrics (POWERTOOLS_METRICS_NAMESPACE); one per project. */
    metricsNamespace: z
      .string()
      .regex(/^(?!AWS\/)[A-Za-z0-9._#/-]{1,255}$/, {
        error: 'expected 1-255 letters, digits and "._#/-", not starting with "AWS/" (reserved for AWS)',
      })
      .default('GenAgentConnect'),
    /** The AWS profile or role the provider deploys with (one account per environment). Default: the provider's chain. */
    deploy: deploySchema.optional(),
    /** Where Terraform keeps this environment's state. Default local `terraform.<environment>.tfstate`. */
    backend: backendSchema.default({ type: 'local' }),
  })
  .superRefine((env, ctx) => {
    // Format errors of accountId/region are already reported; comparing against them would only add noise.
    const arn = awsFormats.connectInstanceArn.exec(env.connectInstanceArn);
    if (arn?.[1] !== undefined && awsFormats.region.test(env.region) && arn[1] !== env.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['connectInstanceArn'],
        message: `expected an instance in region ${env.region} (the "region" field), got ${arn[1]}`,
      });
    }
    if (arn?.[2] !== undefined && awsFormats.accountId.test(env.accountId) && arn[2] !== env.accountId) {
      ctx.addIssue({
        code: 'custom',
        path: ['connectInstanceArn'],
        message: `expected an instance in account ${env.accountId} (the "accountId" field), got ${arn[2]}`,
      });
    }
    checkDeployCredentials(env, ctx);
    checkMediaStreamsKeyRegion(env.mediaStreams, env.region, ctx);
    if (typeof env.asapp?.credentialsSecret === 'object' && 'existingArn' in env.asapp.credentialsSecret) {
      const path = ['asapp', 'credentialsSecret'];
      checkRegion(env.asapp.credentialsSecret.existingArn, /^arn:[\w-]+:secretsmanager:([a-z0-9-]+):/, env.region, [...path, 'existingArn'], 'a secret', ctx);
      checkRegion(env.asapp.credentialsSecret.kmsKeyArn, awsFormats.kmsKeyArn, env.region, [...path, 'kmsKeyArn'], 'a key', ctx);
    }
    if (env.sampleInboundFlow && !env.modes.mediaStreaming) {
      ctx.addIssue({
        code: 'custom',
        path: ['sampleInboundFlow'],
        message: 'expected false: the sample inbound flow runs the GenerativeAgent module, which needs modes.mediaStreaming',
      });
    }
    if ('existing' in env.network) {
      checkExistingSubnets(env.network.existing.privateSubnets, env.region, ctx);
      if ('existing' in env.network.existing.secretsManagerEndpoint && !env.valkey.transitEncryption) {
        ctx.addIssue({
          code: 'custom',
          path: ['network', 'existing', 'secretsManagerEndpoint'],
          message:
            'expected no secretsManagerEndpoint: the Lambdas use it only to read the AUTH token of valkey.transitEncryption; set valkey.transitEncryption to true or remove this field',
        });
      }
    }
    for (const name of LAMBDA_NAMES) {
      const modeOn = pstnFunctions.has(name) ? env.modes.pstnTransfer : env.modes.mediaStreaming;
      if (env.provisionedConcurrency[name] > 0 && !modeOn) {
        ctx.addIssue({
          code: 'custom',
          path: ['provisionedConcurrency', name],
          message: `expected 0: ${name} is not deployed unless modes.${pstnFunctions.has(name) ? 'pstnTransfer' : 'mediaStreaming'} is true`,
        });
      }
    }
  });

interface DeployTarget {
  readonly accountId: string;
  readonly deploy?: z.output<typeof deploySchema>;
  readonly backend: { readonly type: string };
}

function checkDeployCredentials(env: DeployTarget, ctx: z.RefinementCtx): void {
  const roleAccount = env.deploy?.assumeRoleArn ? awsFormats.iamRoleArnAccount.exec(env.deploy.assumeRoleArn)?.[1] : undefined;
  // The provider checks allowed_account_ids against the assumed role's identity: a role in another account fails every plan.
  if (roleAccount !== undefined && awsFormats.accountId.test(env.accountId) && roleAccount !== env.accountId) {
    ctx.addIssue({
      code: 'custom',
      path: ['deploy', 'assumeRoleArn'],
      message: `expected a role in account ${env.accountId} (the "accountId" field), got ${roleAccount}`,
    });
  }
  if (env.deploy?.profile !== undefined && env.backend.type === 'cloud') {
    ctx.addIssue({
      code: 'custom',
      path: ['deploy', 'profile'],
      message: 'expected no profile with a "cloud" backend: runs execute in Terraform Cloud, which has no AWS profiles; give the workspace dynamic provider credentials',
    });
  }
}

type PrivateSubnet = z.infer<typeof networkSchema> extends infer N
  ? N extends { existing: { privateSubnets: (infer S)[] } }
    ? S
    : never
  : never;

function checkExistingSubnets(subnets: readonly PrivateSubnet[], region: string, ctx: z.RefinementCtx): void {
  const ids = subnets.map((subnet) => (typeof subnet === 'string' ? subnet : subnet.id));
  const path = ['network', 'existing', 'privateSubnets'];
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) {
    ctx.addIssue({ code: 'custom', path, message: `expected distinct subnets, ${duplicate} is listed twice` });
  }
  subnets.forEach((subnet, index) => {
    if (typeof subnet !== 'string' && !subnet.availabilityZone.startsWith(region)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, index, 'availabilityZone'],
        message: `expected an Availability Zone of ${region}, got ${subnet.availabilityZone}`,
      });
    }
  });
  const zones = subnets.flatMap((subnet) => (typeof subnet === 'string' ? [] : [subnet.availabilityZone]));
  if (zones.length === subnets.length && new Set(zones).size < 2) {
    ctx.addIssue({ code: 'custom', path, message: 'expected subnets in at least two different Availability Zones' });
  }
}

/** Every KMS key and the existing secret must be in the stack's region (keys are regional; the Lambdas read in-region). */
function checkMediaStreamsKeyRegion(streams: MediaStreamsConfig, region: string, ctx: z.RefinementCtx): void {
  // zod runs this refinement even when mediaStreams itself failed; then it holds the unparsed input: skip it.
  if ('create' in streams) {
    checkRegion(streams.create.kmsKeyArn, awsFormats.kmsKeyArn, region, ['mediaStreams', 'kmsKeyArn'], 'a key', ctx);
  } else if ('existing' in streams && typeof streams.existing === 'object' && 'kmsKeyArn' in streams.existing) {
    checkRegion(streams.existing.kmsKeyArn, awsFormats.kmsKeyArn, region, ['mediaStreams', 'existing', 'kmsKeyArn'], 'a key', ctx);
  }
}

function checkRegion(
  arn: string | undefined,
  format: RegExp,
  region: string,
  path: PropertyKey[],
  what: string,
  ctx: z.RefinementCtx,
): void {
  const arnRegion = arn === undefined ? undefined : format.exec(arn)?.[1];
  if (arnRegion !== undefined && arnRegion !== region) {
    ctx.addIssue({ code: 'custom', path, message: `expected ${what} in region ${region}, got ${arnRegion}` });
  }
}

/** A validated environment file, defaults applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
/** What an environment file may contain (before defaults). */
export type EnvironmentFile = z.input<typeof environmentSchema>;
