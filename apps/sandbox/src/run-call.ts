import { randomUUID } from 'node:crypto';
import type { AsappEndpoint } from '@genagent-connect/asapp-emulator';
import { type FlowEvent, runFlow } from '@genagent-connect/connect-flow';
import { wavAudioResolver } from './audio';
import { HANDLER_NAMES, type HandlerName, type LambdaBinding, LambdaBindings } from './bindings';
import type { CallRecord } from './call-record';
import { GenerativeAgentDriver } from './driver';
import { type FailoverTopology, startFailoverTopology } from './failover';
import { loadFlows, PROCESSING_CUE_WAV, SANDBOX_INSTANCE_ARN, SANDBOX_PROCESSING_CUE_URI, sandboxLambdaArn } from './flows';
import { createCallHandlers } from './handlers';
import { createPlaybackClock } from './playback-clock';
import { emulatorPhoneTransfer } from './pstn';
import { pullWaitMsOf, type Scenario, ScenarioError } from './scenario';
import type { SandboxServices } from './services';

/** Call time runs this many times faster than real time while the caller only listens (see PlaybackClock). */
export const DEFAULT_TIME_SCALE = 50;
const DEFAULT_CUSTOMER_NUMBER = '+15555550100';
const DEFAULT_SYSTEM_NUMBER = '+15555550199';

const OVERRIDABLE_ENDPOINTS = ['engage', 'createCallTransfer', 'getCallTransfer'] as const satisfies readonly AsappEndpoint[];

export interface RunCallOptions {
  readonly scenario: Scenario;
  readonly services: SandboxServices;
  /** A flow or module file to run instead of the shipped flows (`--flow`). */
  readonly flowFile?: string;
  /** `--flows DIR`: targets of TransferToFlow and InvokeFlowModule, by file name. */
  readonly flowsDir?: string;
  /** Extra bindings of the flow's Lambda ARNs to our handlers (`--lambda`); the shipped flows need none. */
  readonly bindings?: readonly LambdaBinding[];
  readonly timeScale?: number;
}

/**
 * One simulated call: the flow runs in the interpreter with the real handlers in-process, GenerativeAgent's pushes
 * come from the driver once engaged, and PSTN transfers reach the emulator. Emulator overrides and a stopped Valkey
 * are undone afterwards, so the services can serve the next call.
 */
export async function runCall(options: RunCallOptions): Promise<CallRecord> {
  const { scenario, services } = options;
  const timeScale = options.timeScale ?? DEFAULT_TIME_SCALE;
  const contactId = scenario.contact.contactId ?? randomUUID();
  const customerNumber = scenario.contact.customerNumber ?? DEFAULT_CUSTOMER_NUMBER;
  const systemNumber = scenario.contact.systemNumber ?? DEFAULT_SYSTEM_NUMBER;
  const valkeyServer = services.valkey.server;
  const fault = scenario.conversation.find((step) => step.fault !== undefined)?.fault;
  if (valkeyServer === undefined && fault !== undefined) {
    throw new ScenarioError(`fault "${fault}" needs a Valkey server the sandbox started itself: unset VALKEY_URL`);
  }

  const flows = loadFlows({
    mode: scenario.mode,
    ...(options.flowFile === undefined ? {} : { flowFile: options.flowFile }),
    ...(options.flowsDir === undefined ? {} : { flowsDir: options.flowsDir }),
    namedFlows: scenario.flows,
    companyMarker: scenario.companyMarker,
    outputVariables: scenario.outputVariables,
  });
  const bindings = new LambdaBindings([
    ...HANDLER_NAMES.map((handler) => ({ function: sandboxLambdaArn(handler), handler })),
    ...(options.bindings ?? []),
  ]);

  const clock = createPlaybackClock(timeScale);
  const pullWaitMs = pullWaitMsOf(scenario);
  const failoverTopology: FailoverTopology | undefined =
    valkeyServer && scenario.conversation.some((step) => step.fault === 'failover')
      ? await startFailoverTopology(valkeyServer)
      : undefined;
  let handlers: ReturnType<typeof createCallHandlers>;
  try {
    handlers = createCallHandlers(services, {
      ...(failoverTopology === undefined ? {} : { valkey: { ...failoverTopology.endpoint, replicas: 1 } }),
      pullWaitMs,
      ssmlConversions: scenario.ssmlConversions,
      attributesToInputVariables: scenario.attributesToInputVariables,
      ...(scenario.asapp.timeoutMs === undefined ? {} : { asappTimeoutMs: scenario.asapp.timeoutMs }),
      ...(scenario.maxIdleSeconds === undefined ? {} : { maxIdleSeconds: scenario.maxIdleSeconds }),
      ...(scenario.maxConversationSeconds === undefined ? {} : { maxConversationSeconds: scenario.maxConversationSeconds }),
      callClock: () => clock.now(),
    });
  } catch (error) {
    await failoverTopology?.close();
    throw error;
  }
  const callStart = clock.now();
  const callTime = () => clock.now() - callStart;
  let valkeyStopped = false;
  const driver = new GenerativeAgentDriver({
    steps: scenario.conversation,
    clock,
    callTime,
    companyMarker: scenario.companyMarker,
    guid: contactId,
    pushAction: handlers.pushAction,
    async stopValkey() {
      valkeyStopped = true;
      await valkeyServer?.kill();
    },
    async failover() {
      await failoverTopology?.failover();
    },
  });
  const { emulator } = services;
  const handlerOfArn: Record<string, HandlerName> = {};
  const onEvent = (event: FlowEvent) => {
    if (event.type === 'speech' || event.type === 'audio' || event.type === 'pause') clock.fastForward(event.durationMs);
    if (event.type === 'lambda') {
      const handler = bindings.handlerFor(event.arn);
      if (handler !== undefined) handlerOfArn[event.arn] = handler;
    }
  };

  const wallStart = performance.now();
  const stopListening = emulator.onEngage((engage) => {
    if (engage.guid === contactId) driver.start();
  });
  try {
    for (const endpoint of OVERRIDABLE_ENDPOINTS) emulator.setBehaviour(endpoint, scenario.asapp[endpoint]);
    const result = await runFlow(flows.flow, {
      modules: flows.modules,
      flows: flows.flows,
      callerInput: scenario.callerInput,
      answerService: ({ identifier, actionType }) => scenario.services.blocks[identifier] ?? scenario.services.blocks[actionType],
      contact: {
        contactId,
        instanceArn: SANDBOX_INSTANCE_ARN,
        customerNumber,
        systemNumber,
        attributes: { ASAPP_CompanyMarker: scenario.companyMarker, ...scenario.contact.attributes },
      },
      invokeLambda: bindings.invoker(handlers.byName, scenario.services.lambdas),
      transferToPhoneNumber: emulatorPhoneTransfer({
        emulator,
        clock,
        callTime,
        contactId,
        ...(scenario.pstn === undefined ? {} : { pstn: scenario.pstn }),
        notes: driver.notes,
      }),
      resolveAudio: wavAudioResolver({ [SANDBOX_PROCESSING_CUE_URI]: PROCESSING_CUE_WAV }),
      clock,
      ...(scenario.contact.hangUpAtMs === undefined ? {} : { hangUpAtMs: scenario.contact.hangUpAtMs }),
      maxCallDurationMs: scenario.maxCallMs,
      onEvent,
    });
    return {
      scenario: scenario.name,
      flowLabel: flows.label,
      mode: scenario.mode,
      pullWaitMs,
      timeScale,
      contact: { contactId, customerNumber, systemNumber },
      result,
      pushes: driver.pushes,
      notes: driver.notes,
      handlerOfArn,
      processingCueUri: SANDBOX_PROCESSING_CUE_URI,
      wallMs: performance.now() - wallStart,
      emfLines: [...handlers.emfLines],
    };
  } finally {
    stopListening();
    await driver.stop();
    for (const endpoint of OVERRIDABLE_ENDPOINTS) emulator.setBehaviour(endpoint, undefined);
    await handlers.close();
    await failoverTopology?.close();
    if (valkeyStopped) await valkeyServer?.restart();
  }
}
