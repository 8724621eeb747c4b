import type { EnvironmentFile } from '../src/config/environment-schema';
import { configFrom, synthStack } from './synth';

const base: EnvironmentFile = {
  accountId: '444444444444',
  region: 'eu-west-2',
  connectInstanceArn: 'arn:aws:connect:eu-west-2:444444444444:instance/0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01',
  namePrefix: 'genagent-qa',
  modes: { mediaStreaming: false, pstnTransfer: true },
  asapp: { companyMarker: 'acme', assumingRoleArns: ['arn:aws:iam::000000000000:role/asapp-generativeagent'] },
};

const providerOf = (file: EnvironmentFile) => {
  const [provider, ...others] = synthStack('qa', configFrom(file)).provider.aws;
  expect(others).toEqual([]);
  return provider as Record<string, unknown>;
};

describe('deploy credentials of the AWS provider', () => {
  it('uses the default credential chain without "deploy" (Terraform Cloud dynamic credentials, AWS_PROFILE)', () => {
    const provider = providerOf(base);
    expect(provider.profile).toBeUndefined();
    expect(provider.assume_role).toBeUndefined();
    expect(provider.allowed_account_ids).toEqual(['444444444444']);
  });

  it('deploys with a named profile', () => {
    const provider = providerOf({ ...base, deploy: { profile: 'acme-qa' } });
    expect(provider.profile).toBe('acme-qa');
    expect(provider.assume_role).toBeUndefined();
  });

  it('assumes a role in the environment account, with external id and session name, from an optional source profile', () => {
    const provider = providerOf({
      ...base,
      deploy: {
        profile: 'acme-tooling',
        assumeRoleArn: 'arn:aws:iam::444444444444:role/genagent-deployer',
        externalId: 'qa-deploys',
        sessionName: 'genagent-qa',
      },
    });
    expect(provider.profile).toBe('acme-tooling');
    expect(provider.assume_role).toEqual([
      { role_arn: 'arn:aws:iam::444444444444:role/genagent-deployer', external_id: 'qa-deploys', session_name: 'genagent-qa' },
    ]);
    // The assumed role's account is what allowed_account_ids is checked against.
    expect(provider.allowed_account_ids).toEqual(['444444444444']);
  });

  it('writes only the role ARN when external id and session name are not given', () => {
    const provider = providerOf({ ...base, deploy: { assumeRoleArn: 'arn:aws:iam::444444444444:role/genagent-deployer' } });
    expect(provider.assume_role).toEqual([{ role_arn: 'arn:aws:iam::444444444444:role/genagent-deployer' }]);
  });
});
