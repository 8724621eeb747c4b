import { type Flow, parseFlow } from './model';
import { findPlaceholders, formatPlaceholder, replacePlaceholders } from './placeholders';

/** Identifier of the module action that copies GenerativeAgent output variables into contact attributes. */
export const OUTPUT_VARIABLES_ACTION_ID = 'ExtractOutputVariables';

export interface RenderFlowOptions {
  /** Value per placeholder name (without braces); cdktf token strings are fine. Unused entries are ignored. */
  readonly placeholders: Readonly<Record<string, string>>;
  /** `{outputVariableName: contactAttributeName}`, added to the `ExtractOutputVariables` action. Default: none. */
  readonly outputVariables?: Readonly<Record<string, string>>;
}

// Contact attribute keys allow only these characters; variable names end up inside a JSONPath, so no dots or spaces.
const ATTRIBUTE_NAME = /^[A-Za-z0-9_-]+$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Turns a flow template into deployable flow JSON text (pretty-printed, validated against the flow schema):
 * substitutes `{{NAME}}` placeholders and wires output variables.
 * Throws naming every placeholder left unbound, so a deploy never ships a literal `{{...}}` ARN.
 */
export function renderFlowTemplate(templateJson: string | object, options: RenderFlowOptions): string {
  const template = typeof templateJson === 'string' ? templateJson : JSON.stringify(templateJson, null, 2);
  const unbound = findPlaceholders(template).filter((name) => !Object.hasOwn(options.placeholders, name));
  if (unbound.length > 0) {
    throw new Error(
      `Unbound flow placeholders: ${unbound.map(formatPlaceholder).join(', ')}; pass a value for each in \`placeholders\``,
    );
  }
  // Placeholders sit inside JSON strings, so each value is inserted JSON-escaped (quotes, backslashes, control chars).
  const rendered = replacePlaceholders(template, (name) => JSON.stringify(options.placeholders[name]).slice(1, -1));
  const flow = parseFlow(rendered, 'rendered flow');
  addOutputVariables(flow, Object.entries(options.outputVariables ?? {}));
  return JSON.stringify(flow, null, 2);
}

function addOutputVariables(flow: Flow, outputVariables: readonly [string, string][]): void {
  if (outputVariables.length === 0) return;
  const action = flow.Actions.find((candidate) => candidate.Identifier === OUTPUT_VARIABLES_ACTION_ID);
  if (action === undefined) {
    throw new Error(`outputVariables given, but the flow has no action with Identifier "${OUTPUT_VARIABLES_ACTION_ID}"`);
  }
  const attributes = action.Parameters.Attributes;
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new Error(`Action "${OUTPUT_VARIABLES_ACTION_ID}" has no Attributes object to add output variables to`);
  }
  const target = attributes as Record<string, unknown>;
  for (const [variable, attribute] of outputVariables) {
    if (!VARIABLE_NAME.test(variable)) {
      throw new Error(`outputVariables: "${variable}" is not a valid variable name (letters, digits, underscores)`);
    }
    if (!ATTRIBUTE_NAME.test(attribute)) {
      throw new Error(
        `outputVariables.${variable}: "${attribute}" is not a valid contact attribute name (letters, digits, - and _)`,
      );
    }
    if (Object.hasOwn(target, attribute)) {
      throw new Error(`outputVariables.${variable}: contact attribute "${attribute}" is already set by the module`);
    }
    target[attribute] = `$.External.outputVariables.${variable}`;
  }
}
