import type { ActionHandler } from '../scope';
import { updateContactAttributes, updateFlowAttributes } from './attributes';
import { compare } from './compare';
import { disconnectParticipant } from './disconnect';
import { checkHoursOfOperation, loop, wait } from './flow-control';
import { invokeLambdaFunction } from './invoke-lambda';
import { updateContactMediaStreamingBehavior } from './media-streaming';
import { messageParticipant } from './message-participant';
import { endFlowModuleExecution, invokeFlowModule } from './modules';
import { transferContactToQueue, updateContactTargetQueue } from './queue';
import { transferParticipantToThirdParty } from './transfer';
import { updateContactTextToSpeechVoice } from './voice';

/** Handler per action Type: every action the interpreter can run. */
const handlers: Readonly<Record<string, ActionHandler>> = {
  MessageParticipant: messageParticipant,
  InvokeLambdaFunction: invokeLambdaFunction,
  Compare: compare,
  UpdateFlowAttributes: updateFlowAttributes,
  UpdateContactAttributes: updateContactAttributes,
  UpdateContactMediaStreamingBehavior: updateContactMediaStreamingBehavior,
  InvokeFlowModule: invokeFlowModule,
  EndFlowModuleExecution: endFlowModuleExecution,
  TransferParticipantToThirdParty: transferParticipantToThirdParty,
  DisconnectParticipant: disconnectParticipant,
  UpdateContactTargetQueue: updateContactTargetQueue,
  TransferContactToQueue: transferContactToQueue,
  UpdateContactTextToSpeechVoice: updateContactTextToSpeechVoice,
  Wait: wait,
  Loop: loop,
  CheckHoursOfOperation: checkHoursOfOperation,
};

export const SUPPORTED_ACTION_TYPES: readonly string[] = Object.keys(handlers);

/** The handler for an action Type, or undefined when the interpreter does not support it. */
export function actionHandler(type: string): ActionHandler | undefined {
  // Own properties only: a Type such as "toString" must not find Object.prototype.
  return Object.hasOwn(handlers, type) ? handlers[type] : undefined;
}
