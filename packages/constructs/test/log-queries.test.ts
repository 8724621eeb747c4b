import { CONTACT_ID_PLACEHOLDER, LogQueries } from '../src';
import { resourcesOf, synth } from './synth';

const logGroupNames = ['/aws/lambda/ga-dev-engage', '/aws/lambda/ga-dev-pull-action', '/aws/lambda/ga-dev-push-action'];

describe('LogQueries', () => {
  const queries = () => resourcesOf(synth((scope) => new LogQueries(scope, 'queries', { namePrefix: 'ga-dev', logGroupNames })), 'aws_cloudwatch_query_definition');

  it("saves the per-contact trace over every function's log group, oldest line first", () => {
    const trace = queries().find((query) => query.name === 'ga-dev/contact-trace');
    expect(trace?.log_group_names).toEqual(logGroupNames);
    const lines = String(trace?.query_string).split('\n');
    expect(lines).toContain(`| filter contactId = "${CONTACT_ID_PLACEHOLDER}"`);
    expect(lines).toContain('| sort @timestamp asc');
  });

  it('saves errors counted by function, message and kind', () => {
    const errors = queries().find((query) => query.name === 'ga-dev/errors-by-kind');
    expect(errors?.log_group_names).toEqual(logGroupNames);
    expect(String(errors?.query_string)).toMatch(/filter level = "ERROR"\n\| stats count\(\*\) as errors by service, message, outcome, ending/);
  });

  it('stays within the 10,000 characters and 255-character names AWS accepts', () => {
    for (const query of queries()) {
      expect(String(query.query_string).length).toBeLessThanOrEqual(10_000);
      expect(String(query.name).length).toBeLessThanOrEqual(255);
    }
  });

  it('refuses an empty list of log groups', () => {
    expect(() => synth((scope) => new LogQueries(scope, 'queries', { namePrefix: 'ga-dev', logGroupNames: [] }))).toThrow(
      /logGroupNames must name at least one log group/,
    );
  });
});
