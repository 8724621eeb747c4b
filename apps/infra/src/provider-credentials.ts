import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { EnvironmentConfig } from './config/environment-schema';

/**
 * The environment's `deploy` credentials as AwsProvider arguments: `profile`, and one `assume_role` block (both
 * hashicorp/aws 5.x, which allows one block, and 6.x, which chains several, accept a single block). Without `deploy`
 * the provider keeps its default chain, which is how Terraform Cloud's dynamic credentials reach it.
 */
export function providerCredentials(deploy: EnvironmentConfig['deploy']): Pick<AwsProviderConfig, 'profile' | 'assumeRole'> {
  if (deploy === undefined) return {};
  return {
    ...(deploy.profile === undefined ? {} : { profile: deploy.profile }),
    ...(deploy.assumeRoleArn === undefined
      ? {}
      : {
          assumeRole: [
            {
              roleArn: deploy.assumeRoleArn,
              ...(deploy.externalId === undefined ? {} : { externalId: deploy.externalId }),
              ...(deploy.sessionName === undefined ? {} : { sessionName: deploy.sessionName }),
            },
          ],
        }),
  };
}
