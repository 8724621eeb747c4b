import { type LambdaInvoker, NO_LAMBDA_HANDLER } from '@genagent-connect/connect-flow';
import { LAMBDA_NAMES, type LambdaHandler, type LambdaName } from '@genagent-connect/lambdas';

/** One of this project's handlers, named as the Lambda functions are. */
export type HandlerName = LambdaName;
export const HANDLER_NAMES = LAMBDA_NAMES;

/** `--lambda NAME_OR_ARN=handler`: calls to that function (by full ARN, unqualified ARN or name) go to `handler`. */
export interface LambdaBinding {
  readonly function: string;
  readonly handler: HandlerName;
}

export class BindingError extends Error {
  override readonly name = 'BindingError';
}

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:([\w-]+)(?::([\w$-]+))?$/;

function isHandlerName(name: string): name is HandlerName {
  return (HANDLER_NAMES as readonly string[]).includes(name);
}

export function parseLambdaBinding(text: string): LambdaBinding {
  const separator = text.lastIndexOf('=');
  const fn = text.slice(0, separator).trim();
  const handler = text.slice(separator + 1).trim();
  if (separator <= 0 || fn === '') {
    throw new BindingError(`--lambda "${text}": expected NAME_OR_ARN=HANDLER, e.g. --lambda my-engage-fn=engage`);
  }
  if (!isHandlerName(handler)) {
    throw new BindingError(`--lambda "${text}": unknown handler "${handler}"; use one of ${HANDLER_NAMES.join(', ')}`);
  }
  return { function: fn, handler };
}

/** The names a flow may use for one function: the ARN as written, without its qualifier, and the bare name. */
function namesOf(arn: string): string[] {
  const match = LAMBDA_ARN.exec(arn);
  if (!match) return [arn];
  const [, name = '', qualifier] = match;
  return qualifier === undefined ? [arn, name] : [arn, arn.slice(0, -(qualifier.length + 1)), name];
}

/** Resolves the ARN an InvokeLambdaFunction block calls to one of our handlers; later bindings win. */
export class LambdaBindings {
  private readonly byName = new Map<string, HandlerName>();

  constructor(bindings: readonly LambdaBinding[]) {
    for (const binding of bindings) this.byName.set(binding.function, binding.handler);
  }

  handlerFor(arn: string): HandlerName | undefined {
    for (const name of namesOf(arn)) {
      const handler = this.byName.get(name);
      if (handler !== undefined) return handler;
    }
    return undefined;
  }

  /**
   * The interpreter's invoker: the scenario's response for the calling block or the function if it gives one, else
   * the bound handler in-process with Connect's event; a function neither covers gets the neutral answer.
   */
  invoker(handlers: Readonly<Record<HandlerName, LambdaHandler<unknown>>>, responses: Readonly<Record<string, unknown>> = {}): LambdaInvoker {
    return async (arn, event, { identifier }) => {
      const key = [identifier, ...namesOf(arn)].find((name) => Object.hasOwn(responses, name));
      if (key !== undefined) return structuredClone(responses[key]);
      const handler = this.handlerFor(arn);
      return handler === undefined ? NO_LAMBDA_HANDLER : handlers[handler](event);
    };
  }
}
