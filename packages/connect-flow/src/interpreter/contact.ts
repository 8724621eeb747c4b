import { randomUUID } from 'node:crypto';

/** What the call looks like when the flow starts. Every field has a plausible default. */
export interface ContactInit {
  /** `$.ContactId`; default a random UUID. */
  readonly contactId?: string;
  /** `$.InitialContactId`; default the contact id. */
  readonly initialContactId?: string;
  /** `$.InstanceARN`; default `arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000`. */
  readonly instanceArn?: string;
  /** `$.CustomerEndpoint.Address`, the caller's E.164 number; default `+15555550100`. */
  readonly customerNumber?: string;
  /** `$.SystemEndpoint.Address`, the number dialled; default `+15555550199`. */
  readonly systemNumber?: string;
  /** `$.LanguageCode`; default `en-US`. */
  readonly languageCode?: string;
  /** `$.TextToSpeechVoiceId` until a Set voice block changes it; default `Joanna` (Connect's default). */
  readonly voiceId?: string;
  /** Contact attributes already set, e.g. by the inbound flow before it invokes a module; default none. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Whether customer audio is already streaming when the flow starts (a caller's flow started it); default false. */
  readonly mediaStreaming?: boolean;
  /** Wall-clock time of the call's start, for media-stream timestamps; default the time the run starts. */
  readonly startedAtEpochMs?: number;
}

/** Customer audio stream fields, as Connect exposes them under `$.MediaStreams.Customer.Audio`. */
export interface CustomerAudioStream {
  StreamARN: string;
  StartTimestamp: string;
  StartFragmentNumber: string;
  StopTimestamp?: string;
  StopFragmentNumber?: string;
}

/** Contact-wide state: shared by the flow and every module it invokes. */
export interface ContactState {
  readonly contactId: string;
  readonly initialContactId: string;
  readonly instanceArn: string;
  readonly awsRegion: string;
  readonly customerNumber: string;
  readonly systemNumber: string;
  readonly languageCode: string;
  readonly startedAtEpochMs: number;
  voiceId: string;
  attributes: Record<string, string>;
  /** Present once streaming has started; keeps StreamARN after a stop, with the Stop fields added (as Connect does). */
  customerAudio: CustomerAudioStream | undefined;
  queue: { ARN: string; Name: string } | undefined;
  /** `$.CallbackNumber`: the customer's number until a Set callback number block changes it. */
  callbackNumber: string;
  /** `$.StoredCustomerInput`: the latest input a Get customer input block stored. */
  storedCustomerInput: string | undefined;
  /** Results of service blocks the flow reads later, by root: `$.Customer`, `$.Case`, `$.Metrics`. */
  serviceData: Record<string, unknown>;
}

const DEFAULT_INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000';

export function createContact(init: ContactInit = {}): ContactState {
  const contactId = init.contactId ?? randomUUID();
  const instanceArn = init.instanceArn ?? DEFAULT_INSTANCE_ARN;
  const contact: ContactState = {
    contactId,
    initialContactId: init.initialContactId ?? contactId,
    instanceArn,
    awsRegion: instanceArn.split(':')[3] || 'us-east-1',
    customerNumber: init.customerNumber ?? '+15555550100',
    systemNumber: init.systemNumber ?? '+15555550199',
    languageCode: init.languageCode ?? 'en-US',
    startedAtEpochMs: init.startedAtEpochMs ?? Date.now(),
    voiceId: init.voiceId ?? 'Joanna',
    attributes: { ...init.attributes },
    customerAudio: undefined,
    queue: undefined,
    callbackNumber: init.customerNumber ?? '+15555550100',
    storedCustomerInput: undefined,
    serviceData: {},
  };
  if (init.mediaStreaming) startCustomerAudio(contact, 0);
  return contact;
}

/** Starts customer audio streaming at `callTimeMs` (a no-op while it is already streaming). */
export function startCustomerAudio(contact: ContactState, callTimeMs: number): CustomerAudioStream {
  const current = contact.customerAudio;
  if (current !== undefined && current.StopTimestamp === undefined) return current;
  const [, , , region, account] = contact.instanceArn.split(':');
  const startedAt = contact.startedAtEpochMs + Math.round(callTimeMs);
  // Connect streams each contact to one KVS stream named after the contact; fragment numbers are opaque digits.
  contact.customerAudio = {
    StreamARN: `arn:aws:kinesisvideo:${region}:${account}:stream/connect-contact-${contact.contactId}/${contact.startedAtEpochMs}`,
    StartTimestamp: String(startedAt),
    StartFragmentNumber: `91343852333181432392682062${startedAt}`,
  };
  return contact.customerAudio;
}

/** Stops customer audio streaming at `callTimeMs`; undefined when it was not streaming. */
export function stopCustomerAudio(contact: ContactState, callTimeMs: number): CustomerAudioStream | undefined {
  const current = contact.customerAudio;
  if (current === undefined || current.StopTimestamp !== undefined) return undefined;
  const stoppedAt = contact.startedAtEpochMs + Math.round(callTimeMs);
  current.StopTimestamp = String(stoppedAt);
  current.StopFragmentNumber = `91343852333181432392682063${stoppedAt}`;
  return current;
}

/** The system part of `$`: contact-wide values every flow sees. */
export function systemPaths(contact: ContactState): Record<string, unknown> {
  return {
    ContactId: contact.contactId,
    InitialContactId: contact.initialContactId,
    Channel: 'VOICE',
    InstanceARN: contact.instanceArn,
    AwsRegion: contact.awsRegion,
    LanguageCode: contact.languageCode,
    TextToSpeechVoiceId: contact.voiceId,
    CustomerEndpoint: telephoneEndpoint(contact.customerNumber),
    SystemEndpoint: telephoneEndpoint(contact.systemNumber),
    Queue: contact.queue,
    CallbackNumber: contact.callbackNumber,
    StoredCustomerInput: contact.storedCustomerInput,
    ...contact.serviceData,
    Attributes: contact.attributes,
    MediaStreams: { Customer: { Audio: contact.customerAudio } },
  };
}

export function telephoneEndpoint(address: string) {
  return { Address: address, Type: 'TELEPHONE_NUMBER' as const };
}
