import { actionTypeInfo } from '../../lint/action-catalog';
import { type ActionHandler, NEXT } from '../scope';

/**
 * Settings-only blocks (logging, recording, event hooks, routing, analytics, tags, …): nothing in the sandbox acts on
 * them, so they pass through to NextAction with a transcript line saying what Connect would have done.
 */
export const passThroughSetting: ActionHandler = async (scope) => {
  const { action } = scope;
  const what = actionTypeInfo(action.Type)?.settingsOnly ?? 'change contact settings';
  const values = Object.entries(action.Parameters)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? scope.text(value) : JSON.stringify(value)}`)
    .join(', ');
  scope.session.emit({
    type: 'setting',
    identifier: action.Identifier,
    actionType: action.Type,
    text: `Connect would ${what}${values === '' ? '' : ` (${values})`}`,
  });
  return NEXT;
};
