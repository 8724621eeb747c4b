/**
 * Formats of AWS identifiers the environment files contain. Checked at synth so a typo fails
 * `cdktf synth` naming the field, instead of `terraform apply` half-way through.
 */
export const awsFormats = {
  accountId: /^\d{12}$/,
  region: /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+$/,
  /** `arn:<partition>:connect:<region>:<account>:instance/<uuid>`; groups: region, account. */
  connectInstanceArn:
    /^arn:aws(?:-cn|-us-gov)?:connect:([a-z0-9-]+):(\d{12}):instance\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  iamRoleArn: /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
  /** Groups: region. */
  kmsKeyArn: /^arn:aws(?:-cn|-us-gov)?:kms:([a-z0-9-]+):\d{12}:key\/[0-9a-f-]{36}$/,
  secretArn: /^arn:aws(?:-cn|-us-gov)?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/,
  snsTopicArn: /^arn:aws(?:-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/,
  vpcId: /^vpc-[0-9a-f]{8,17}$/,
  subnetId: /^subnet-[0-9a-f]{8,17}$/,
  securityGroupId: /^sg-[0-9a-f]{8,17}$/,
  availabilityZone: /^[a-z]{2}(?:-gov)?-[a-z]+-\d+[a-z]$/,
  ipv4Cidr: /^(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/,
  cacheNodeType: /^cache\.[a-z0-9]+\.[a-z0-9]+$/,
  /** Valkey releases are `<major>.<minor>`, starting at 7.2. */
  valkeyEngineVersion: /^(?:[7-9]|[1-9]\d)\.\d+$/,
  /** ASAPP API host, with or without the https scheme (the Lambdas accept both). */
  asappApiHost: /^(?:https:\/\/)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?$/,
  /** Groups: account. */
  iamRoleArnAccount: /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\//,
  /** STS AssumeRole RoleSessionName: 2 to 64 characters of `[\w+=,.@-]`. */
  roleSessionName: /^[\w+=,.@-]{2,64}$/,
  /** A named profile of the shared AWS config and credentials files (`[profile <name>]`). */
  awsProfileName: /^[^\s[\]]{1,128}$/,
  /** sts:ExternalId: 2 to 1224 characters of `[\w+=,.@:/-]`. */
  externalId: /^[\w+=,.@:/-]{2,1224}$/,
  /** Kinesis Video Streams prefix Connect puts before each stream name. */
  kinesisVideoStreamPrefix: /^[a-zA-Z0-9_.-]{1,128}$/,
  s3BucketName: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  /** Terraform Cloud organization and workspace names. */
  terraformCloudName: /^[A-Za-z0-9_-]{1,90}$/,
} as const;
