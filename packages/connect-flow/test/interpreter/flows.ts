import { type Flow, type FlowAction, type FlowTransitions, parseFlow } from '../../src/model';
import { type FlowEvent, type FlowRunResult, type RunFlowOptions, runFlow, virtualClock } from '../../src/interpreter';

/** One action of an inline test flow. */
export function act(Identifier: string, Type: string, Parameters: Record<string, unknown> = {}, Transitions: FlowTransitions = {}): FlowAction {
  return { Identifier, Type, Parameters, Transitions };
}

/** A flow starting at its first action, checked by the real flow schema. */
export function flowOf(...actions: FlowAction[]): Flow {
  return parseFlow({ Version: '2019-10-30', StartAction: actions[0]?.Identifier, Actions: actions }, 'test flow');
}

/** A module: a flow whose Settings declare the Success/Error exits. */
export function moduleOf(...actions: FlowAction[]): Flow {
  return parseFlow(
    {
      Version: '2019-10-30',
      StartAction: actions[0]?.Identifier,
      Actions: actions,
      Settings: {
        InputParameters: [],
        OutputParameters: [],
        Transitions: [
          { DisplayName: 'Success', ReferenceName: 'Success' },
          { DisplayName: 'Error', ReferenceName: 'Error' },
        ],
      },
    },
    'test module',
  );
}

export const hangUp = (Identifier = 'hangUp') => act(Identifier, 'DisconnectParticipant');

/** Marks which branch a flow took: sets contact attribute `route` then hangs up. */
export function routeTo(Identifier: string): FlowAction[] {
  return [
    act(Identifier, 'UpdateContactAttributes', { Attributes: { route: Identifier } }, { NextAction: `${Identifier}Done` }),
    hangUp(`${Identifier}Done`),
  ];
}

/** Runs on simulated time, so prompt and Lambda durations cost no real time and timestamps are exact. */
export function run(flow: Flow, options: RunFlowOptions = {}): Promise<FlowRunResult> {
  return runFlow(flow, { clock: virtualClock(), ...options });
}

export function eventsOfType<Type extends FlowEvent['type']>(result: FlowRunResult, type: Type): Extract<FlowEvent, { type: Type }>[] {
  return result.events.filter((event): event is Extract<FlowEvent, { type: Type }> => event.type === type);
}

/** Identifiers of the actions run, in order. */
export function actionsRun(result: FlowRunResult): string[] {
  return eventsOfType(result, 'actionEnter').map((event) => event.identifier);
}
