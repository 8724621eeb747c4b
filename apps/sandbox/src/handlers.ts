import {
  ConfigError,
  createActionQueueFromConfig,
  createAsappClientFromConfig,
  createCallContextHandler,
  createCallTransferHandler,
  createEngageHandler,
  createHandlerMetrics,
  createLambdaLogger,
  createPullActionHandler,
  createPushActionHandler,
  type LambdaHandler,
  parseAsappConfig,
  parseEngageConfig,
  parsePullActionConfig,
  parseValkeyConfig,
  type PushActionResponse,
} from '@genagent-connect/lambdas';
import type { HandlerName } from './bindings';
import { ScenarioError } from './scenario';
import type { SandboxServices } from './services';

export interface HandlerSettings {
  /** PULL_WAIT_MS: 0 = poll mode. */
  readonly pullWaitMs: number;
  readonly ssmlConversions: readonly { readonly searchFor: string; readonly replaceWith: string }[];
  readonly attributesToInputVariables: Readonly<Record<string, string>>;
  /** ASAPP_TIMEOUT_MS; default the handlers' own. */
  readonly asappTimeoutMs?: number;
  /** MAX_IDLE_SECONDS and MAX_CONVERSATION_SECONDS; default pull-action's own. */
  readonly maxIdleSeconds?: number;
  readonly maxConversationSeconds?: number;
  /** pull-action's clock for those limits: the call time, so they hold in call time whatever the time scale. */
  readonly callClock: () => number;
  /**
   * Where push-action and pull-action reach Valkey instead of the sandbox's server (a failover endpoint), and its
   * read replicas (VALKEY_REPLICAS: push-action then waits for one). Default: the sandbox's server, no replicas.
   */
  readonly valkey?: { readonly host: string; readonly port: number; readonly password?: string; readonly replicas: number };
}

/** One call's handlers, as separate Lambda containers would hold them (a long-polling pull needs its own connection). */
export interface CallHandlers {
  readonly byName: Readonly<Record<HandlerName, LambdaHandler<unknown>>>;
  readonly pushAction: LambdaHandler<PushActionResponse>;
  /** The EMF lines the handlers printed so far (what CloudWatch would turn into metrics), oldest first. */
  readonly emfLines: readonly string[];
  /** Closes the Valkey connections. */
  close(): Promise<void>;
}

/** The metrics namespace and `environment` dimension of the sandbox's handlers (service is each handler's default). */
const SANDBOX_METRICS_ENVIRONMENT = { POWERTOOLS_METRICS_NAMESPACE: 'GenAgentConnect', GENAGENT_ENVIRONMENT: 'sandbox' };

// The scenario field each handler setting comes from, to name it when the handler's own config parser rejects it.
const SCENARIO_FIELD_OF_VARIABLE: Readonly<Record<string, string>> = {
  PULL_WAIT_MS: 'pull.waitMs',
  SSML_CONVERSIONS: 'ssmlConversions',
  ATTRIBUTES_TO_INPUT_VARIABLES: 'attributesToInputVariables',
  ASAPP_TIMEOUT_MS: 'asapp.timeoutMs',
  MAX_IDLE_SECONDS: 'maxIdleSeconds',
  MAX_CONVERSATION_SECONDS: 'maxConversationSeconds',
};

/**
 * The real handlers, configured through the same environment parsers Lambda uses (the settings are handed over as
 * the environment variables they are in production), talking to the sandbox's Valkey and ASAPP emulator.
 */
export function createCallHandlers(services: SandboxServices, settings: HandlerSettings): CallHandlers {
  const { emulator } = services;
  const valkey = settings.valkey ?? { ...services.valkey, replicas: 0 };
  const configs = parseConfigs({
    ASAPP_API_HOST: emulator.url,
    ASAPP_API_ID: emulator.credentials.apiId,
    ASAPP_API_SECRET: emulator.credentials.apiSecret,
    ASAPP_TIMEOUT_MS: settings.asappTimeoutMs?.toString(),
    ATTRIBUTES_TO_INPUT_VARIABLES: JSON.stringify(settings.attributesToInputVariables),
    SSML_CONVERSIONS: JSON.stringify(settings.ssmlConversions),
    PULL_WAIT_MS: String(settings.pullWaitMs),
    MAX_IDLE_SECONDS: settings.maxIdleSeconds?.toString(),
    MAX_CONVERSATION_SECONDS: settings.maxConversationSeconds?.toString(),
    VALKEY_HOST: valkey.host,
    VALKEY_PORT: String(valkey.port),
    VALKEY_PASSWORD: valkey.password,
    VALKEY_REPLICAS: String(valkey.replicas),
  });
  const asappClient = createAsappClientFromConfig(configs.asapp);
  const pull = createActionQueueFromConfig(configs.valkey, 'sandbox-pull-action');
  const push = createActionQueueFromConfig(configs.valkey, 'sandbox-push-action');
  // Each handler's metrics as in Lambda (the sandbox's namespace and environment), captured instead of printed.
  const emfLines: string[] = [];
  const metrics = (name: HandlerName) =>
    createHandlerMetrics(name, { environment: SANDBOX_METRICS_ENVIRONMENT, emit: (line) => emfLines.push(line) });
  // push-action stamps each action with the call time, so pull-action's QueueWait is in call time too.
  const pushAction = createPushActionHandler({
    queue: push.queue,
    logger: quietLogger('push-action'),
    metrics: metrics('push-action'),
    clock: settings.callClock,
  });
  return {
    pushAction,
    emfLines,
    byName: {
      engage: createEngageHandler({ config: configs.engage, asappClient, logger: quietLogger('engage'), metrics: metrics('engage') }),
      'pull-action': createPullActionHandler({
        config: configs.pullAction,
        queue: pull.queue,
        logger: quietLogger('pull-action'),
        clock: settings.callClock,
        metrics: metrics('pull-action'),
      }),
      'push-action': pushAction,
      'call-transfer': createCallTransferHandler({
        asappClient,
        logger: quietLogger('call-transfer'),
        metrics: metrics('call-transfer'),
      }),
      'call-context': createCallContextHandler({
        asappClient,
        logger: quietLogger('call-context'),
        metrics: metrics('call-context'),
      }),
    },
    async close() {
      await Promise.all([pull.close(), push.close()]);
    },
  };
}

function parseConfigs(environment: Readonly<Record<string, string | undefined>>) {
  try {
    return {
      asapp: parseAsappConfig(environment),
      engage: parseEngageConfig(environment),
      pullAction: parsePullActionConfig(environment),
      valkey: parseValkeyConfig(environment),
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const [variable = '', field] =
      Object.entries(SCENARIO_FIELD_OF_VARIABLE).find(([name]) => error.variable.startsWith(name)) ?? [];
    const where = field === undefined ? error.variable : `${field}${error.variable.slice(variable.length)}`;
    throw new ScenarioError(`scenario field ${where}: ${error.problem}`);
  }
}

/**
 * The handlers' Powertools logger, silent so the transcript stays readable; POWERTOOLS_LOG_LEVEL (e.g. DEBUG) brings
 * their JSON log lines back, on stdout as in Lambda.
 */
function quietLogger(name: HandlerName) {
  const logger = createLambdaLogger(name);
  if (!process.env.POWERTOOLS_LOG_LEVEL) logger.setLogLevel('SILENT');
  return logger;
}
