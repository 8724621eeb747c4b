import type { ConnectContactFlowEvent } from 'aws-lambda';

export interface ContactEventOptions {
  readonly contactId?: string;
  readonly attributes?: Record<string, string>;
  readonly parameters?: Record<string, string>;
  /** The caller's number; `null` for a contact without a customer endpoint. */
  readonly callerNumber?: string | null;
  /** `null` when media streaming was never started. */
  readonly streamArn?: string | null;
}

export const CALLER_NUMBER = '+15551239876';
export const STREAM_ARN =
  'arn:aws:kinesisvideo:us-east-1:123456789012:stream/connect-live-contact-abc/1700000000000';

/** A ContactFlowEvent as Amazon Connect sends it to a Lambda invoked from a flow. */
export function contactFlowEvent(options: ContactEventOptions = {}): ConnectContactFlowEvent {
  const contactId = options.contactId ?? 'contact-1';
  const callerNumber = options.callerNumber === undefined ? CALLER_NUMBER : options.callerNumber;
  const streamArn = options.streamArn === undefined ? STREAM_ARN : options.streamArn;
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: options.attributes ?? {},
        Channel: 'VOICE',
        ContactId: contactId,
        CustomerEndpoint: callerNumber === null ? null : { Address: callerNumber, Type: 'TELEPHONE_NUMBER' },
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InstanceARN: 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555',
        PreviousContactId: contactId,
        Queue: null,
        SystemEndpoint: { Address: '+15550001111', Type: 'TELEPHONE_NUMBER' },
        MediaStreams: {
          Customer: {
            Audio:
              streamArn === null
                ? null
                : { StartFragmentNumber: '91343852333181432392682062622220590765191907586', StartTimestamp: '1700000000000', StreamARN: streamArn },
          },
        },
      },
      Parameters: options.parameters ?? {},
    },
  };
}
