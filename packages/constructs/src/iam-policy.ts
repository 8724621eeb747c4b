/** One IAM policy statement, in the JSON shape AWS reads. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Readonly<Record<string, string | readonly string[]>> | '*';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/**
 * A policy document as a JSON string. Literal JSON (rather than `aws_iam_policy_document` data
 * sources or `jsonencode`) keeps policies readable in the synthesized stack, lets policy checks
 * parse them, and is validated as written by the offline Terraform checks. Tokens inside values
 * (e.g. an alias ARN) become `${...}` interpolations when cdktf resolves the string.
 */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting one AWS service assume a role. */
export function serviceTrustPolicy(service: string): string {
  return policyDocument([{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }]);
}
