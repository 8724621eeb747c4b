import { z } from 'zod';
import { ActionFailure } from '../failures';
import { parseParameters } from '../parameters';
import { type ActionHandler, type ActionScope, NEXT } from '../scope';

/** Connect's cap on the total size of a contact's attributes (keys and values, UTF-8). */
const MAX_CONTACT_ATTRIBUTES_BYTES = 32_768;
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;

const contactParametersSchema = z.object({
  Attributes: z.record(z.string(), z.string()),
  TargetContact: z.enum(['Current', 'Related']).optional(),
});

/**
 * UpdateContactAttributes: sets contact attributes (keys and values may embed paths), all or nothing. Fails on a
 * key Connect rejects, on attributes above 32 KB in total, and on TargetContact Related (no related contact here).
 */
export const updateContactAttributes: ActionHandler = async (scope) => {
  const { Attributes, TargetContact } = parseParameters(scope.action, contactParametersSchema);
  if (TargetContact === 'Related') throw new ActionFailure('NoMatchingError', 'this call has no related contact');
  const changes = interpolateEntries(scope, Attributes);
  const badKey = Object.keys(changes).find((key) => !ATTRIBUTE_KEY.test(key));
  if (badKey !== undefined) {
    throw new ActionFailure('NoMatchingError', `attribute key '${badKey}' may hold only letters, digits, '-' and '_'`);
  }
  const contact = scope.session.contact;
  const updated = { ...contact.attributes, ...changes };
  const bytes = Object.entries(updated).reduce((sum, [key, value]) => sum + Buffer.byteLength(key + value, 'utf8'), 0);
  if (bytes > MAX_CONTACT_ATTRIBUTES_BYTES) {
    throw new ActionFailure('NoMatchingError', `contact attributes would take ${bytes} bytes, above ${MAX_CONTACT_ATTRIBUTES_BYTES}`);
  }
  contact.attributes = updated;
  scope.session.emit({ type: 'attributes', identifier: scope.action.Identifier, changes });
  return NEXT;
};

const flowParametersSchema = z.object({
  FlowAttributes: z.record(z.string(), z.object({ Value: z.string() })),
});

/** UpdateFlowAttributes: sets flow-local attributes (`$.FlowAttributes`), values may embed paths. */
export const updateFlowAttributes: ActionHandler = async (scope) => {
  const { FlowAttributes } = parseParameters(scope.action, flowParametersSchema);
  const changes = interpolateEntries(
    scope,
    Object.fromEntries(Object.entries(FlowAttributes).map(([key, { Value }]) => [key, Value])),
  );
  Object.assign(scope.frame.flowAttributes, changes);
  scope.session.emit({ type: 'flowAttributes', identifier: scope.action.Identifier, changes });
  return NEXT;
};

// All values are read before any is written, so `a = $.Attributes.b, b = x` sees the old b, as an atomic update does.
function interpolateEntries(scope: ActionScope, entries: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).map(([key, value]) => [scope.text(key), scope.text(value)]));
}
