/**
 * Every action type of the Amazon Connect flow language, as AWS's flow-language reference documents it
 * (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html and its participant, contact,
 * flow-control and interaction action pages). The linter's rules and the interpreter both read it.
 */

/** The reference's four action families: what the action needs to run (a participant, a contact, nothing). */
export type ActionCategory = 'participant' | 'contact' | 'flowControl' | 'interaction';

/** How an action picks its branch, when it has conditions at all. */
export type ActionConditions =
  /** No conditions: NextAction and errors only. */
  | { readonly kind: 'none' }
  /** Conditions compare a value the action produces (an attribute, digits, an intent name, a metric) with operands. */
  | { readonly kind: 'value' }
  /** Conditions name fixed results, e.g. Loop's ContinueLooping / DoneLooping. */
  | { readonly kind: 'results'; readonly results: readonly string[] };

/** Flow types as exported flows name them in `Metadata.type` (the console's flow types). */
export const FLOW_TYPES = [
  'contactFlow',
  'customerQueue',
  'customerHold',
  'customerWhisper',
  'agentHold',
  'agentWhisper',
  'outboundWhisper',
  'agentTransfer',
  'queueTransfer',
] as const;
export type FlowType = (typeof FLOW_TYPES)[number];

const INBOUND_AND_TRANSFER: readonly FlowType[] = ['contactFlow', 'agentTransfer', 'queueTransfer'];
const NOT_HOLD: readonly FlowType[] = FLOW_TYPES.filter((type) => type !== 'customerHold' && type !== 'agentHold');

/** A static parameter with a closed set of values. */
export interface EnumParameter {
  readonly values: readonly string[];
  /** Connect accepts the value in any letter case (e.g. TextToSpeechEngine `neural`). */
  readonly anyCase?: boolean;
}

export interface ActionTypeInfo {
  readonly category: ActionCategory;
  /** ErrorTypes the reference lists for the action (NoMatchingError catches every one without its own branch). */
  readonly errors: readonly string[];
  /**
   * Error branches CreateContactFlow rejects the flow without (found by importing single blocks through the API,
   * aws-samples/sample-aicc-builder-for-amazon-connect-ai-agent#26); most types need none.
   */
  readonly requiredErrors?: readonly string[];
  readonly conditions: ActionConditions;
  /** Ends the flow (or module) on success, so it needs no NextAction. */
  readonly terminal: boolean;
  /** May play until the call ends (a hold flow's looping prompt), so it needs no NextAction either. */
  readonly mayRunUntilCallEnds: boolean;
  /** Takes the caller's time: a prompt, input, a bot, a view, a wait. */
  readonly waitsForCaller: boolean;
  /** A loop through it is not a busy loop: it takes time (caller, Lambda, transfer) or counts its own repetitions. */
  readonly pacesLoops: boolean;
  /** Where the action may appear; `module`/`contactFlow` are the only kinds a document's shape tells apart. */
  readonly allowedIn: 'any' | 'contactFlow' | 'module';
  /** The flow types the reference allows it in, where it restricts them (undefined: every type). */
  readonly flowTypes?: readonly FlowType[];
  /** Enumerated static parameters, by name (dotted for nested objects, e.g. `ResponseValidation.ResponseType`). */
  readonly enums: Readonly<Record<string, EnumParameter>>;
  /**
   * Set for actions that only change contact or flow settings the sandbox has nothing to simulate with (logging,
   * recording, event hooks, routing, callback number, analytics): what Connect would have done, for the transcript.
   */
  readonly settingsOnly?: string;
}

const ON_OFF: EnumParameter = { values: ['Enabled', 'Disabled'] };
const TRUE_FALSE: EnumParameter = { values: ['True', 'False'] };
const NONE: ActionConditions = { kind: 'none' };
const VALUE: ActionConditions = { kind: 'value' };
const CAN_FAIL = ['NoMatchingError'] as const;

type Spec = Partial<Omit<ActionTypeInfo, 'category'>>;

const define = (category: ActionCategory, spec: Spec = {}): ActionTypeInfo => ({
  category,
  errors: CAN_FAIL,
  conditions: NONE,
  terminal: false,
  mayRunUntilCallEnds: false,
  waitsForCaller: false,
  pacesLoops: spec.waitsForCaller ?? false,
  allowedIn: 'any',
  enums: {},
  ...spec,
});

// Participant actions play to, or hear from, the caller: all of them take the caller's time.
const participant = (spec: Spec = {}) => define('participant', { waitsForCaller: true, pacesLoops: true, ...spec });
const settings = (category: ActionCategory, what: string, spec: Spec = {}) => define(category, { settingsOnly: what, ...spec });

const ACTION_CATALOG: Readonly<Record<string, ActionTypeInfo>> = {
  // Participant actions (participant-actions.html)
  ConnectParticipantWithLexBot: participant({
    errors: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError'],
    conditions: VALUE,
  }),
  DisconnectParticipant: participant({ errors: [], terminal: true, waitsForCaller: false, pacesLoops: false }),
  GetParticipantInput: participant({
    errors: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError', 'InvalidPhoneNumber'],
    conditions: VALUE,
    enums: { StoreInput: TRUE_FALSE },
  }),
  MessageParticipant: participant({ flowTypes: NOT_HOLD }),
  MessageParticipantIteratively: participant({
    conditions: { kind: 'results', results: ['MessagesInterrupted'] },
    mayRunUntilCallEnds: true,
  }),
  ShowView: participant({ errors: ['NoMatchingCondition', 'NoMatchingError', 'TimeLimitExceeded'], conditions: VALUE }),

  // Contact actions (contact-actions.html)
  CompleteOutboundCall: define('contact'),
  CreateCase: define('contact', { errors: ['ContactNotLinked', 'NoMatchingError'] }),
  CreateTask: define('contact'),
  CreateWisdomSession: define('contact'),
  DequeueContactAndTransferToQueue: define('contact', { terminal: true }),
  EndFlowModuleExecution: define('contact', { errors: [], terminal: true, allowedIn: 'module' }),
  GetCase: define('contact', { errors: ['MultipleFound', 'NoneFound', 'NoMatchingError'] }),
  // Runs a whole module, which has its own pacing.
  InvokeFlowModule: define('contact', { pacesLoops: true, allowedIn: 'contactFlow', flowTypes: ['contactFlow'] }),
  ResumeContact: define('contact'),
  StartOutboundChatContact: define('contact'),
  TagContact: settings('contact', 'tag the contact'),
  TransferContactToAgent: define('contact', { errors: [], terminal: true }),
  TransferContactToQueue: define('contact', { errors: ['QueueAtCapacity', 'NoMatchingError'], terminal: true }),
  UnTagContact: settings('contact', 'remove tags from the contact'),
  UpdateCase: define('contact', { errors: ['ContactNotLinked', 'NoMatchingError'] }),
  UpdateContactAttributes: define('contact', { enums: { TargetContact: { values: ['Current', 'Related'] } } }),
  UpdateContactCallbackNumber: define('contact', {
    errors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'],
    requiredErrors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'],
  }),
  UpdateContactData: settings('contact', 'update the contact name, description or references'),
  UpdateContactEventHooks: settings('contact', 'set the flow run on a contact event (whisper, hold, customer queue, disconnect)'),
  UpdateContactMediaProcessing: settings('contact', 'change media processing for the contact'),
  UpdateContactMediaStreamingBehavior: define('contact', {
    flowTypes: NOT_HOLD,
    enums: { MediaStreamingState: ON_OFF, MediaStreamType: { values: ['Audio'] } },
  }),
  UpdateContactRecordingAndAnalyticsBehavior: settings('contact', 'set recording and Contact Lens analytics'),
  UpdateContactRecordingBehavior: settings('contact', 'set call recording and analytics'),
  UpdateContactRoutingBehavior: settings('contact', 'change the routing priority or age of the contact', {
    errors: [],
    flowTypes: ['contactFlow'],
  }),
  UpdateContactTargetQueue: define('contact'),
  // Current reference: fails (NoMatchingError) on an invalid voice or engine; older exports have no error branch.
  UpdateContactTextToSpeechVoice: define('contact', {
    enums: {
      // Amazon Polly's engines; exported flows write them capitalised ("Neural"), Polly in lower case.
      TextToSpeechEngine: { values: ['Standard', 'Neural', 'Long-Form', 'Generative'], anyCase: true },
      TextToSpeechStyle: { values: ['None', 'Conversational', 'Newscaster'], anyCase: true },
    },
  }),
  UpdatePreviousContactParticipantState: define('contact'),

  // Flow control actions (flow-control-actions.html)
  CheckHoursOfOperation: define('flowControl', { conditions: { kind: 'results', results: ['True', 'False'] } }),
  CheckMetricData: define('flowControl', { errors: ['NoMatchingCondition', 'NoMatchingError'], conditions: VALUE }),
  CheckOutboundCallStatus: define('flowControl', { errors: ['NoMatchingCondition', 'NoMatchingError'], conditions: VALUE }),
  CheckVoiceId: define('flowControl', { errors: ['NoMatchingCondition', 'NoMatchingError'], conditions: VALUE }),
  Compare: define('flowControl', { errors: ['NoMatchingCondition'], conditions: VALUE }),
  DistributeByPercentage: define('flowControl', {
    errors: ['NoMatchingCondition'],
    conditions: VALUE,
    flowTypes: [...INBOUND_AND_TRANSFER, 'customerQueue'],
  }),
  EndFlowExecution: define('flowControl', { errors: [], terminal: true }),
  GetMetricData: define('flowControl'),
  Loop: define('flowControl', { errors: [], conditions: { kind: 'results', results: ['ContinueLooping', 'DoneLooping'] }, pacesLoops: true }),
  StartVoiceIdStream: settings('flowControl', 'start streaming audio to Voice ID'),
  // Control leaves this flow for the target, so nothing after it runs.
  TransferToFlow: define('flowControl', { terminal: true, flowTypes: INBOUND_AND_TRANSFER }),
  UpdateFlowAttributes: define('flowControl'),
  UpdateFlowLoggingBehavior: settings('flowControl', 'turn flow logs to CloudWatch on or off', {
    errors: [],
    enums: { FlowLoggingBehavior: ON_OFF },
  }),
  UpdateRoutingCriteria: settings('flowControl', 'set the routing criteria (agent proficiencies)'),
  Wait: define('flowControl', {
    errors: ['NoMatchingError', 'ParticipantNotFound'],
    conditions: VALUE,
    waitsForCaller: true,
    pacesLoops: true,
  }),

  // Interactions (interactions.html)
  CreateCallbackContact: define('interaction'),
  InvokeLambdaFunction: define('interaction', {
    pacesLoops: true,
    enums: {
      InvocationType: { values: ['SYNCHRONOUS', 'ASYNCHRONOUS'] },
      'ResponseValidation.ResponseType': { values: ['STRING_MAP', 'JSON'] },
    },
  }),
  // Customer Profiles ("Customer profiles" block): answered from the scenario in the sandbox.
  AssociateContactToCustomerProfile: define('interaction'),
  CreateCustomerProfile: define('interaction'),
  GetCalculatedAttributesForCustomerProfile: define('interaction', { errors: ['NoneFound', 'NoMatchingError'] }),
  GetCustomerProfile: define('interaction', { errors: ['MultipleFound', 'NoneFound', 'NoMatchingError'] }),
  GetCustomerProfileObject: define('interaction', { errors: ['NoneFound', 'NoMatchingError'] }),
  UpdateCustomerProfile: define('interaction'),
  TransferParticipantToThirdParty: define('interaction', {
    errors: ['CallFailed', 'ConnectionTimeLimitExceeded', 'NoMatchingError'],
    pacesLoops: true,
    flowTypes: [...INBOUND_AND_TRANSFER, 'customerQueue'],
    enums: { ContinueFlowExecution: TRUE_FALSE },
  }),
};

/** What the catalog knows about an action type; undefined for a type AWS does not document. */
export function actionTypeInfo(type: string): ActionTypeInfo | undefined {
  // Own properties only: a Type such as "toString" must not find Object.prototype.
  return Object.hasOwn(ACTION_CATALOG, type) ? ACTION_CATALOG[type] : undefined;
}

/** Every documented action type, sorted. */
export const DOCUMENTED_ACTION_TYPES: readonly string[] = Object.keys(ACTION_CATALOG).sort();
