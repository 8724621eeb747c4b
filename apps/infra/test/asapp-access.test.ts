import { exampleConfig, exampleEnvironments, resourcesOf, type SynthesizedStack, synthStack } from './synth';

function trustStatements(stack: SynthesizedStack): Record<string, unknown>[] {
  const [role] = resourcesOf(stack, 'aws_iam_role').filter((r) => String(r.name).endsWith('-asapp-access'));
  return (JSON.parse(String(role?.assume_role_policy)) as { Statement: Record<string, unknown>[] }).Statement;
}

describe("ASAPP's access role in the shipped examples", () => {
  it.each(exampleEnvironments.map(({ name, config }) => [name, config] as const))(
    '%s: trusts ASAPP without an sts:ExternalId condition (neither ASAPP guide nor quickstart sends one)',
    (name, config) => {
      expect(config.asapp.externalId).toBeUndefined();
      const trust = trustStatements(synthStack(name, config));
      expect(trust.length).toBeGreaterThan(0);
      for (const statement of trust) {
        expect(statement).toMatchObject({ Effect: 'Allow', Action: 'sts:AssumeRole' });
        expect(statement).not.toHaveProperty('Condition');
      }
    },
  );

  it('requires the external id on every trust statement when the environment sets one (only when ASAPP gives you one)', () => {
    const staging = exampleConfig('staging');
    const stack = synthStack('staging', { ...staging, asapp: { ...staging.asapp, externalId: 'acme-staging-7f3c' } });
    for (const statement of trustStatements(stack)) {
      expect(statement.Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'acme-staging-7f3c' } });
    }
  });
});
