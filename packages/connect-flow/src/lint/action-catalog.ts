/** What the linter knows about an action type, per the flow-language reference (shared/reference, §3). */
export interface ActionTypeInfo {
  /** Error branches the action needs so no failure leaves the flow without a way on (Compare: its no-match branch). */
  readonly requiredErrors: readonly string[];
  /** Ends the flow or module on success, so it needs no NextAction. */
  readonly terminal: boolean;
  /** Takes caller time (a prompt, a wait, a Lambda round trip) or caps its own repetitions, so a loop through it is not a busy loop. */
  readonly pacesLoops: boolean;
  /** Where the action may appear. */
  readonly allowedIn: 'any' | 'contactFlow' | 'module';
}

const step = (requiredErrors: readonly string[], more: Partial<ActionTypeInfo> = {}): ActionTypeInfo => ({
  requiredErrors,
  terminal: false,
  pacesLoops: false,
  allowedIn: 'any',
  ...more,
});

const CAN_FAIL = ['NoMatchingError'] as const;

const ACTION_CATALOG: Readonly<Record<string, ActionTypeInfo>> = {
  Compare: step(['NoMatchingCondition']),
  CheckHoursOfOperation: step(CAN_FAIL),
  DisconnectParticipant: step([], { terminal: true }),
  EndFlowModuleExecution: step([], { terminal: true, allowedIn: 'module' }),
  GetParticipantInput: step(CAN_FAIL, { pacesLoops: true }),
  InvokeFlowModule: step(CAN_FAIL, { allowedIn: 'contactFlow' }),
  InvokeLambdaFunction: step(CAN_FAIL, { pacesLoops: true }),
  Loop: step([], { pacesLoops: true }),
  MessageParticipant: step(CAN_FAIL, { pacesLoops: true }),
  TransferContactToQueue: step(CAN_FAIL, { terminal: true }),
  TransferParticipantToThirdParty: step(CAN_FAIL),
  UpdateContactAttributes: step(CAN_FAIL),
  UpdateContactMediaStreamingBehavior: step(CAN_FAIL),
  UpdateContactTargetQueue: step(CAN_FAIL),
  UpdateContactTextToSpeechVoice: step([]),
  UpdateFlowAttributes: step(CAN_FAIL),
  Wait: step(CAN_FAIL, { pacesLoops: true }),
};

export function actionTypeInfo(type: string): ActionTypeInfo | undefined {
  return Object.hasOwn(ACTION_CATALOG, type) ? ACTION_CATALOG[type] : undefined;
}
