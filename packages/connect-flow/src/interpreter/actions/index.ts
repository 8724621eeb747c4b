import { actionTypeInfo } from '../../lint/action-catalog';
import type { ActionHandler } from '../scope';
import { updateContactAttributes, updateFlowAttributes } from './attributes';
import { compare } from './compare';
import { disconnectParticipant } from './disconnect';
import { checkHoursOfOperation, distributeByPercentage, loop, wait } from './flow-control';
import { invokeLambdaFunction } from './invoke-lambda';
import { updateContactMediaStreamingBehavior } from './media-streaming';
import { messageParticipant, messageParticipantIteratively } from './message-participant';
import { endFlowExecution, transferToFlow } from './flow-transfer';
import { endFlowModuleExecution, invokeFlowModule } from './modules';
import { connectParticipantWithLexBot, getParticipantInput } from './participant-input';
import { dequeueContactAndTransferToQueue, transferContactToAgent, transferContactToQueue, updateContactTargetQueue } from './queue';
import { serviceCall, updateContactCallbackNumber } from './services';
import { passThroughSetting } from './settings';
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
  MessageParticipantIteratively: messageParticipantIteratively,
  GetParticipantInput: getParticipantInput,
  ConnectParticipantWithLexBot: connectParticipantWithLexBot,
  TransferToFlow: transferToFlow,
  EndFlowExecution: endFlowExecution,
  TransferContactToAgent: transferContactToAgent,
  DequeueContactAndTransferToQueue: dequeueContactAndTransferToQueue,
  UpdateContactCallbackNumber: updateContactCallbackNumber,
  DistributeByPercentage: distributeByPercentage,
};

/** Action types with a handler of their own; every other documented type is a setting or a service call. */
export const SUPPORTED_ACTION_TYPES: readonly string[] = Object.keys(handlers);

/**
 * The handler for an action Type: its own, else by the catalog (settings-only blocks pass through with a
 * transcript line, other documented blocks are service calls the scenario answers); undefined for an unknown type.
 */
export function actionHandler(type: string): ActionHandler | undefined {
  // Own properties only: a Type such as "toString" must not find Object.prototype.
  if (Object.hasOwn(handlers, type)) return handlers[type];
  const info = actionTypeInfo(type);
  if (info === undefined) return undefined;
  return info.settingsOnly === undefined ? serviceCall : passThroughSetting;
}
