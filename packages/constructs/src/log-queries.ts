import { CloudwatchQueryDefinition } from '@cdktf/provider-aws/lib/cloudwatch-query-definition';
import { Construct } from 'constructs';

export interface LogQueriesProps {
  /** Folder of the saved queries in Logs Insights (`<namePrefix>/<query>`). */
  readonly namePrefix: string;
  /** The functions' log groups, searched together. */
  readonly logGroupNames: readonly string[];
}

/** What operators replace in the per-contact query with the call's ContactId. */
export const CONTACT_ID_PLACEHOLDER = 'CONTACT_ID';

/**
 * Every line of one call across all functions, in time order. The handlers write `contactId` on every line
 * (push-action's is the push's guid, which is the ContactId).
 */
export const CONTACT_TRACE_QUERY = [
  'fields @timestamp, service, level, message, errorMessage, outcome, ending, next, action',
  `| filter contactId = "${CONTACT_ID_PLACEHOLDER}"`,
  '| sort @timestamp asc',
  '| limit 10000',
].join('\n');

/**
 * Error lines counted by function, message and kind: `outcome` (ASAPP and push failures), `ending` (pull-action).
 * Logs Insights takes the time range from the console or the StartQuery call, not from a saved query.
 */
export const ERRORS_BY_KIND_QUERY = [
  'fields @timestamp, service, message, outcome, ending',
  '| filter level = "ERROR"',
  '| stats count(*) as errors by service, message, outcome, ending',
  '| sort errors desc',
].join('\n');

/** Saved CloudWatch Logs Insights queries for one environment: the per-contact trace and errors by kind. */
export class LogQueries extends Construct {
  readonly contactTrace: CloudwatchQueryDefinition;
  readonly errorsByKind: CloudwatchQueryDefinition;

  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    if (props.logGroupNames.length === 0) throw new Error('LogQueries logGroupNames must name at least one log group.');
    const saved = (name: string, queryString: string) =>
      new CloudwatchQueryDefinition(this, name, {
        name: `${props.namePrefix}/${name}`,
        logGroupNames: [...props.logGroupNames],
        queryString,
      });
    this.contactTrace = saved('contact-trace', CONTACT_TRACE_QUERY);
    this.errorsByKind = saved('errors-by-kind', ERRORS_BY_KIND_QUERY);
  }
}
