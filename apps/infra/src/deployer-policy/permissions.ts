/**
 * What a deployer needs for each Terraform type the stacks use: the IAM actions hashicorp/aws calls to create, read,
 * update, tag and delete it, and the ARNs they touch, scoped to the environment's account, region and name prefix
 * wherever the service supports resource-level permissions. Actions and resource types follow AWS's Service
 * Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/), one page per service:
 * list_amazonconnect, list_awslambda, list_amazonelasticache, list_amazonec2, list_awsidentityandaccessmanagementiam,
 * list_amazons3, list_awssecretsmanager, list_amazoncloudwatch, list_amazoncloudwatchlogs, list_awskeymanagementservice.
 * Actions whose row lists no resource type need `"*"`.
 *
 * A synthesized type without an entry fails the deployer-policy test, so a new resource cannot ship without its
 * permissions.
 */

/** Where one environment deploys; ARNs are built from it. */
export interface DeployScope {
  /** `aws`, `aws-us-gov` or `aws-cn`: the partition of the Connect instance ARN. */
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly namePrefix: string;
  readonly connectInstanceArn: string;
}

/** One grant: actions on resources, optionally under a condition. */
export interface Grant {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

type Permissions = (scope: DeployScope) => readonly Grant[];

const anyResource = ['*'];

const ec2 = ({ partition, region, accountId }: DeployScope, ...types: string[]) =>
  types.map((type) => `arn:${partition}:ec2:${region}:${accountId}:${type}/*`);
/** EC2 resources carry no name, so they are scoped to the account and region. Tags are set on create (TagSpecifications). */
const ec2Grants = (scope: DeployScope, actions: readonly string[], types: readonly string[], describe: readonly string[]): Grant[] => [
  { actions: [...actions, 'ec2:CreateTags', 'ec2:DeleteTags'], resources: ec2(scope, ...types) },
  { actions: describe, resources: anyResource },
];

const lambdaFunctions = ({ partition, region, accountId, namePrefix }: DeployScope) => [
  // Also matches the alias and version ARNs (`function:<name>:<qualifier>`).
  `arn:${partition}:lambda:${region}:${accountId}:function:${namePrefix}-*`,
];
const roles = ({ partition, accountId, namePrefix }: DeployScope) => [`arn:${partition}:iam::${accountId}:role/${namePrefix}-*`];
const buckets = ({ partition, namePrefix }: DeployScope) => [`arn:${partition}:s3:::${namePrefix}-*`];
const secrets = ({ partition, region, accountId, namePrefix }: DeployScope) => [
  `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${namePrefix}-*`,
];
const elasticache = ({ partition, region, accountId, namePrefix }: DeployScope, ...types: string[]) =>
  types.map((type) => `arn:${partition}:elasticache:${region}:${accountId}:${type}:${namePrefix}-*`);
const connect = ({ connectInstanceArn }: DeployScope, child?: string) =>
  child ? [connectInstanceArn, `${connectInstanceArn}/${child}/*`] : [connectInstanceArn];
const connectTagging = ['connect:TagResource', 'connect:UntagResource', 'connect:ListTagsForResource'];

/** Terraform resource type → what creating, reading, updating and deleting it needs. */
export const resourcePermissions: Readonly<Record<string, Permissions>> = {
  aws_cloudwatch_dashboard: ({ partition, accountId, namePrefix }) => [
    {
      actions: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'],
      resources: [`arn:${partition}:cloudwatch::${accountId}:dashboard/${namePrefix}-*`],
    },
  ],
  // Query definitions have no resource type in list_amazoncloudwatchlogs: "*" is the only scope.
  aws_cloudwatch_query_definition: () => [
    { actions: ['logs:PutQueryDefinition', 'logs:DescribeQueryDefinitions', 'logs:DeleteQueryDefinition'], resources: anyResource },
  ],
  aws_cloudwatch_metric_alarm: ({ partition, region, accountId, namePrefix }) => [
    {
      actions: [
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:DeleteAlarms',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
        'cloudwatch:ListTagsForResource',
      ],
      resources: [`arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${namePrefix}-*`],
    },
  ],
  aws_cloudwatch_log_group: ({ partition, region, accountId, namePrefix }) => [
    {
      actions: [
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy',
        'logs:DeleteRetentionPolicy',
        'logs:TagResource',
        'logs:UntagResource',
        'logs:ListTagsForResource',
      ],
      resources: [`arn:${partition}:logs:${region}:${accountId}:log-group:/aws/lambda/${namePrefix}-*`],
    },
    { actions: ['logs:DescribeLogGroups'], resources: [`arn:${partition}:logs:${region}:${accountId}:log-group:*`] },
  ],
  aws_connect_contact_flow: (scope) => [
    {
      actions: [
        'connect:CreateContactFlow',
        'connect:DescribeContactFlow',
        'connect:UpdateContactFlowContent',
        'connect:UpdateContactFlowMetadata',
        'connect:UpdateContactFlowName',
        'connect:DeleteContactFlow',
        ...connectTagging,
      ],
      resources: connect(scope, 'contact-flow'),
    },
  ],
  aws_connect_contact_flow_module: (scope) => [
    {
      actions: [
        'connect:CreateContactFlowModule',
        'connect:DescribeContactFlowModule',
        'connect:UpdateContactFlowModuleContent',
        'connect:UpdateContactFlowModuleMetadata',
        'connect:DeleteContactFlowModule',
        ...connectTagging,
      ],
      resources: connect(scope, 'flow-module'),
    },
  ],
  aws_connect_instance_storage_config: (scope) => [
    {
      actions: [
        'connect:AssociateInstanceStorageConfig',
        'connect:DescribeInstanceStorageConfig',
        'connect:UpdateInstanceStorageConfig',
        'connect:DisassociateInstanceStorageConfig',
      ],
      resources: connect(scope),
    },
    // Dependent actions of AssociateInstanceStorageConfig: Connect adds the stream permissions to its service-linked
    // role and grants itself use of the streams' KMS key.
    {
      actions: ['iam:PutRolePolicy'],
      resources: [`arn:${scope.partition}:iam::${scope.accountId}:role/aws-service-role/connect.amazonaws.com/*`],
    },
    {
      actions: ['kms:CreateGrant', 'kms:DescribeKey'],
      resources: [`arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/*`],
    },
  ],
  aws_connect_lambda_function_association: (scope) => [
    {
      actions: ['connect:AssociateLambdaFunction', 'connect:DisassociateLambdaFunction', 'connect:ListLambdaFunctions'],
      resources: connect(scope),
    },
    // Dependent actions: Connect adds and removes its own invoke permission on the function.
    { actions: ['lambda:AddPermission', 'lambda:RemovePermission'], resources: lambdaFunctions(scope) },
  ],
  aws_elasticache_parameter_group: (scope) => [
    {
      actions: [
        'elasticache:CreateCacheParameterGroup',
        'elasticache:DescribeCacheParameterGroups',
        'elasticache:DescribeCacheParameters',
        'elasticache:ModifyCacheParameterGroup',
        'elasticache:ResetCacheParameterGroup',
        'elasticache:DeleteCacheParameterGroup',
        'elasticache:AddTagsToResource',
        'elasticache:RemoveTagsFromResource',
        'elasticache:ListTagsForResource',
      ],
      resources: elasticache(scope, 'parametergroup'),
    },
  ],
  aws_elasticache_replication_group: (scope) => [
    {
      actions: [
        'elasticache:CreateReplicationGroup',
        'elasticache:CreateCacheCluster',
        'elasticache:DescribeReplicationGroups',
        'elasticache:DescribeCacheClusters',
        'elasticache:ModifyReplicationGroup',
        'elasticache:IncreaseReplicaCount',
        'elasticache:DecreaseReplicaCount',
        'elasticache:DeleteReplicationGroup',
        'elasticache:AddTagsToResource',
        'elasticache:RemoveTagsFromResource',
        'elasticache:ListTagsForResource',
      ],
      resources: [
        ...elasticache(scope, 'replicationgroup', 'cluster', 'subnetgroup', 'parametergroup'),
        // The engine's default parameter groups (default.valkey8), when the stack names none.
        `arn:${scope.partition}:elasticache:${scope.region}:${scope.accountId}:parametergroup:default.*`,
      ],
    },
    // Dependent actions: the cache's network interfaces in the stack's subnets.
    ...ec2Grants(
      scope,
      ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'],
      ['network-interface', 'subnet', 'security-group'],
      ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
    ),
  ],
  aws_elasticache_subnet_group: (scope) => [
    {
      actions: [
        'elasticache:CreateCacheSubnetGroup',
        'elasticache:DescribeCacheSubnetGroups',
        'elasticache:ModifyCacheSubnetGroup',
        'elasticache:DeleteCacheSubnetGroup',
        'elasticache:AddTagsToResource',
        'elasticache:RemoveTagsFromResource',
        'elasticache:ListTagsForResource',
      ],
      resources: elasticache(scope, 'subnetgroup'),
    },
    { actions: ['ec2:DescribeSubnets', 'ec2:DescribeVpcs'], resources: anyResource },
  ],
  aws_iam_role: (scope) => [
    {
      actions: [
        'iam:CreateRole',
        'iam:GetRole',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
        'iam:UpdateAssumeRolePolicy',
        'iam:DeleteRole',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:ListRolePolicies',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
      ],
      resources: roles(scope),
    },
  ],
  aws_iam_role_policy: (scope) => [
    { actions: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'], resources: roles(scope) },
  ],
  aws_lambda_alias: (scope) => [
    { actions: ['lambda:CreateAlias', 'lambda:GetAlias', 'lambda:UpdateAlias', 'lambda:DeleteAlias'], resources: lambdaFunctions(scope) },
  ],
  aws_lambda_function: (scope) => [
    {
      actions: [
        'lambda:CreateFunction',
        'lambda:GetFunction',
        'lambda:GetFunctionConfiguration',
        'lambda:GetFunctionCodeSigningConfig',
        'lambda:GetRuntimeManagementConfig',
        'lambda:ListVersionsByFunction',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:PublishVersion',
        'lambda:PutFunctionConcurrency',
        'lambda:DeleteFunctionConcurrency',
        'lambda:DeleteFunction',
        'lambda:TagResource',
        'lambda:UntagResource',
        'lambda:ListTags',
      ],
      resources: lambdaFunctions(scope),
    },
    // Only the stack's own roles, and only to Lambda.
    { actions: ['iam:PassRole'], resources: roles(scope), condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
    // A function in a VPC: Lambda checks the subnets and security groups with the caller's permissions.
    {
      actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeNetworkInterfaces'],
      resources: anyResource,
    },
  ],
  aws_lambda_permission: (scope) => [
    { actions: ['lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy'], resources: lambdaFunctions(scope) },
  ],
  aws_lambda_provisioned_concurrency_config: (scope) => [
    {
      actions: [
        'lambda:PutProvisionedConcurrencyConfig',
        'lambda:GetProvisionedConcurrencyConfig',
        'lambda:DeleteProvisionedConcurrencyConfig',
      ],
      resources: lambdaFunctions(scope),
    },
  ],
  aws_s3_bucket: (scope) => [
    {
      // Reading an aws_s3_bucket reads every bucket sub-configuration (ACL, CORS, website, versioning, logging, ...).
      actions: [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:ListBucket',
        's3:GetBucket*',
        's3:GetAccelerateConfiguration',
        's3:GetEncryptionConfiguration',
        's3:GetLifecycleConfiguration',
        's3:GetReplicationConfiguration',
        's3:PutBucketTagging',
      ],
      resources: buckets(scope),
    },
  ],
  aws_s3_bucket_policy: (scope) => [
    { actions: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'], resources: buckets(scope) },
  ],
  aws_s3_bucket_public_access_block: (scope) => [
    // DeletePublicAccessBlock is authorized by s3:PutBucketPublicAccessBlock.
    { actions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'], resources: buckets(scope) },
  ],
  aws_s3_bucket_server_side_encryption_configuration: (scope) => [
    { actions: ['s3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration'], resources: buckets(scope) },
  ],
  aws_s3_bucket_versioning: (scope) => [
    { actions: ['s3:PutBucketVersioning', 's3:GetBucketVersioning'], resources: buckets(scope) },
  ],
  aws_s3_object: (scope) => [
    {
      actions: ['s3:PutObject', 's3:GetObject', 's3:GetObjectTagging', 's3:PutObjectTagging', 's3:DeleteObject'],
      resources: buckets(scope).map((bucket) => `${bucket}/*`),
    },
  ],
  aws_secretsmanager_secret: (scope) => [
    {
      actions: [
        'secretsmanager:CreateSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetResourcePolicy',
        'secretsmanager:UpdateSecret',
        'secretsmanager:DeleteSecret',
        'secretsmanager:TagResource',
        'secretsmanager:UntagResource',
      ],
      resources: secrets(scope),
    },
  ],
  aws_secretsmanager_secret_version: (scope) => [
    {
      // The provider reads a version back with GetSecretValue: only secrets whose value the stack itself writes.
      actions: [
        'secretsmanager:PutSecretValue',
        'secretsmanager:GetSecretValue',
        'secretsmanager:DescribeSecret',
        'secretsmanager:UpdateSecretVersionStage',
      ],
      resources: secrets(scope),
    },
  ],
  aws_security_group: (scope) =>
    ec2Grants(
      scope,
      ['ec2:CreateSecurityGroup', 'ec2:DeleteSecurityGroup', 'ec2:RevokeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupEgress'],
      ['security-group', 'vpc'],
      ['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules', 'ec2:DescribeNetworkInterfaces'],
    ),
  aws_subnet: (scope) =>
    ec2Grants(scope, ['ec2:CreateSubnet', 'ec2:DeleteSubnet', 'ec2:ModifySubnetAttribute'], ['subnet', 'vpc'], ['ec2:DescribeSubnets']),
  aws_vpc: (scope) =>
    ec2Grants(
      scope,
      ['ec2:CreateVpc', 'ec2:DeleteVpc', 'ec2:ModifyVpcAttribute'],
      ['vpc'],
      // Reading a VPC also reads its attributes and its default network ACL, route table and security group.
      ['ec2:DescribeVpcs', 'ec2:DescribeVpcAttribute', 'ec2:DescribeNetworkAcls', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups'],
    ),
  aws_vpc_endpoint: (scope) => [
    ...ec2Grants(
      scope,
      ['ec2:CreateVpcEndpoint', 'ec2:ModifyVpcEndpoint', 'ec2:DeleteVpcEndpoints'],
      ['vpc-endpoint', 'vpc', 'subnet', 'security-group'],
      ['ec2:DescribeVpcEndpoints', 'ec2:DescribeVpcEndpointServices', 'ec2:DescribePrefixLists'],
    ),
    // Dependent action of CreateVpcEndpoint with private DNS: the endpoint's private hosted zone joins the VPC.
    { actions: ['route53:AssociateVPCWithHostedZone'], resources: anyResource },
  ],
  aws_vpc_security_group_egress_rule: (scope) =>
    ec2Grants(
      scope,
      ['ec2:AuthorizeSecurityGroupEgress', 'ec2:RevokeSecurityGroupEgress', 'ec2:ModifySecurityGroupRules'],
      ['security-group', 'security-group-rule'],
      ['ec2:DescribeSecurityGroupRules'],
    ),
  aws_vpc_security_group_ingress_rule: (scope) =>
    ec2Grants(
      scope,
      ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:ModifySecurityGroupRules'],
      ['security-group', 'security-group-rule'],
      ['ec2:DescribeSecurityGroupRules'],
    ),
};

/** Terraform data source type → what reading it needs. */
export const dataSourcePermissions: Readonly<Record<string, Permissions>> = {
  aws_availability_zones: () => [{ actions: ['ec2:DescribeAvailabilityZones'], resources: anyResource }],
  // mediaStreams.existing.associationId: the instance's MEDIA_STREAMS config, read only.
  aws_connect_instance_storage_config: (scope) => [{ actions: ['connect:DescribeInstanceStorageConfig'], resources: connect(scope) }],
  aws_kms_alias: ({ partition, region, accountId }) => [
    { actions: ['kms:ListAliases'], resources: anyResource },
    { actions: ['kms:DescribeKey'], resources: [`arn:${partition}:kms:${region}:${accountId}:key/*`] },
  ],
  // The provider's own region; no API call.
  aws_region: () => [],
  aws_secretsmanager_random_password: () => [{ actions: ['secretsmanager:GetRandomPassword'], resources: anyResource }],
  aws_subnet: () => [{ actions: ['ec2:DescribeSubnets'], resources: anyResource }],
};
