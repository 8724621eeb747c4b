/**
 * The regions Amazon Connect is offered in: the "Service endpoints" table of "Amazon Connect endpoints and quotas",
 * https://docs.aws.amazon.com/general/latest/gr/connect_region.html. Add a region here when AWS adds it there.
 */
export const connectRegions = [
  'us-east-1',
  'us-west-2',
  'af-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-2',
  'us-gov-west-1',
] as const;
