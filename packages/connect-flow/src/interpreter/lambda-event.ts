import { type ContactState, telephoneEndpoint } from './contact';

/**
 * The event Connect sends a Lambda function from an InvokeLambdaFunction block, shaped like Connect's (and like
 * `ConnectContactFlowEvent` in @types/aws-lambda), so handlers run here exactly as they do behind Connect.
 */
export interface ContactFlowEvent {
  readonly Details: {
    readonly ContactData: ReturnType<typeof contactData>;
    readonly Parameters: Readonly<Record<string, string>>;
  };
  readonly Name: 'ContactFlowEvent';
}

export function contactFlowEvent(contact: ContactState, parameters: Readonly<Record<string, string>>): ContactFlowEvent {
  return { Details: { ContactData: contactData(contact), Parameters: { ...parameters } }, Name: 'ContactFlowEvent' };
}

// Copies, so a handler that mutates its event cannot reach into the running contact.
function contactData(contact: ContactState) {
  return {
    Attributes: { ...contact.attributes },
    AwsRegion: contact.awsRegion,
    Channel: 'VOICE' as const,
    ContactId: contact.contactId,
    CustomerEndpoint: telephoneEndpoint(contact.customerNumber),
    InitialContactId: contact.initialContactId,
    InitiationMethod: 'INBOUND' as const,
    InstanceARN: contact.instanceArn,
    LanguageCode: contact.languageCode,
    MediaStreams: { Customer: { Audio: contact.customerAudio === undefined ? null : { ...contact.customerAudio } } },
    PreviousContactId: contact.initialContactId,
    Queue: contact.queue === undefined ? null : { ...contact.queue },
    SystemEndpoint: telephoneEndpoint(contact.systemNumber),
  };
}
