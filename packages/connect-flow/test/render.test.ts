import { findPlaceholders, parseFlow, renderFlowTemplate } from '../src';

const template = {
  Version: '2019-10-30',
  StartAction: 'CallLambda',
  Actions: [
    {
      Identifier: 'CallLambda',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: '{{LAMBDA_ARN}}', InvocationTimeLimitSeconds: '3' },
      Transitions: { NextAction: 'ExtractOutputVariables', Errors: [{ NextAction: 'Return', ErrorType: 'NoMatchingError' }] },
    },
    {
      Identifier: 'ExtractOutputVariables',
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { ASAPP_Disposition: '$.Attributes.ASAPP_Disposition' }, TargetContact: 'Current' },
      Transitions: { NextAction: 'Speak', Errors: [{ NextAction: 'Speak', ErrorType: 'NoMatchingError' }] },
    },
    {
      Identifier: 'Speak',
      Type: 'MessageParticipant',
      Parameters: { Text: 'Calling {{LAMBDA_ARN}} for {{CALLER}}' },
      Transitions: { NextAction: 'Return', Errors: [{ NextAction: 'Return', ErrorType: 'NoMatchingError' }] },
    },
    { Identifier: 'Return', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
  ],
};
const placeholders = { LAMBDA_ARN: 'arn:aws:lambda:us-east-1:111122223333:function:f', CALLER: 'Ann' };
const parameters = (rendered: string, id: string) =>
  parseFlow(rendered).Actions.find((action) => action.Identifier === id)?.Parameters;

describe('findPlaceholders', () => {
  it('lists each placeholder name once, in order of appearance', () => {
    expect(findPlaceholders(template)).toEqual(['LAMBDA_ARN', 'CALLER']);
    expect(findPlaceholders('{"a": "{{lower}} {{ A_1 }} {{B_2}}"}')).toEqual(['B_2']);
  });
});

describe('renderFlowTemplate', () => {
  it('substitutes every occurrence, from an object or from text', () => {
    for (const input of [template, JSON.stringify(template)]) {
      const rendered = renderFlowTemplate(input, { placeholders });
      expect(findPlaceholders(rendered)).toEqual([]);
      expect(parameters(rendered, 'CallLambda')?.LambdaFunctionARN).toBe(placeholders.LAMBDA_ARN);
      expect(parameters(rendered, 'Speak')?.Text).toBe(`Calling ${placeholders.LAMBDA_ARN} for Ann`);
    }
  });

  it('carries cdktf token strings through verbatim', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is what a cdktf token looks like as a string
    const token = '${TfToken[TOKEN.12]}';
    const rendered = renderFlowTemplate(template, { placeholders: { ...placeholders, LAMBDA_ARN: token } });
    expect(parameters(rendered, 'CallLambda')?.LambdaFunctionARN).toBe(token);
    expect(rendered).toContain(`"LambdaFunctionARN": "${token}"`);
  });

  it('JSON-escapes values, so quotes, backslashes and newlines cannot break the document', () => {
    const caller = 'Ann "the caller" \\ O\'Neil\nline two';
    const rendered = renderFlowTemplate(template, { placeholders: { ...placeholders, CALLER: caller } });
    expect(parameters(rendered, 'Speak')?.Text).toBe(`Calling ${placeholders.LAMBDA_ARN} for ${caller}`);
  });

  it('does not substitute inside substituted values', () => {
    const rendered = renderFlowTemplate(template, { placeholders: { ...placeholders, CALLER: '{{LAMBDA_ARN}}' } });
    expect(parameters(rendered, 'Speak')?.Text).toBe(`Calling ${placeholders.LAMBDA_ARN} for {{LAMBDA_ARN}}`);
  });

  it('adds output variables to the ExtractOutputVariables action, keeping what is there', () => {
    const rendered = renderFlowTemplate(template, {
      placeholders,
      outputVariables: { CustomerAccountNumber: 'AccountNumber', caseId: 'ASAPP_CaseId' },
    });
    expect(parameters(rendered, 'ExtractOutputVariables')?.Attributes).toEqual({
      ASAPP_Disposition: '$.Attributes.ASAPP_Disposition',
      AccountNumber: '$.External.outputVariables.CustomerAccountNumber',
      ASAPP_CaseId: '$.External.outputVariables.caseId',
    });
  });

  it('throws naming every unbound placeholder', () => {
    expect(() => renderFlowTemplate(template, { placeholders: {} })).toThrow(
      'Unbound flow placeholders: {{LAMBDA_ARN}}, {{CALLER}}; pass a value for each in `placeholders`',
    );
    expect(() => renderFlowTemplate(template, { placeholders: { LAMBDA_ARN: 'x' } })).toThrow(/: \{\{CALLER\}\};/);
  });

  it('rejects output variables it cannot wire safely', () => {
    const render = (outputVariables: Record<string, string>, input: object = template) => () =>
      renderFlowTemplate(input, { placeholders, outputVariables });
    expect(render({ 'a.b': 'Attr' })).toThrow('outputVariables: "a.b" is not a valid variable name');
    expect(render({ caseId: 'case id' })).toThrow('outputVariables.caseId: "case id" is not a valid contact attribute name');
    expect(render({ caseId: 'ASAPP_Disposition' })).toThrow('contact attribute "ASAPP_Disposition" is already set');
    const withoutExtract = { ...template, Actions: template.Actions.filter((a) => a.Identifier !== 'ExtractOutputVariables') };
    expect(render({ caseId: 'CaseId' }, withoutExtract)).toThrow('no action with Identifier "ExtractOutputVariables"');
  });

  it('refuses to produce a document that is not a flow', () => {
    expect(() => renderFlowTemplate({ ...template, Version: '{{VERSION}}' }, { placeholders: { ...placeholders, VERSION: '2020' } })).toThrow(
      /rendered flow: not a valid flow:\n {2}Version:/,
    );
  });
});
