import { z } from 'zod';
import { parseNumber } from '../conditions';
import { ActionFailure } from '../failures';
import { parseParameters } from '../parameters';
import { type ActionHandler, type ActionScope, NEXT } from '../scope';
import { messageSchema, playMessage } from './message-participant';

// Connect's Get customer input default when InputTimeLimitSeconds is absent ("Timeout: 5 seconds" in the block).
const DEFAULT_INPUT_SECONDS = 5;
// ⚠ Lex's own start-of-speech timeout when the flow sets none (x-amz-lex:audio:start-timeout-ms).
const DEFAULT_LEX_START_TIMEOUT_MS = 4000;
const INPUT_TIMEOUT = 'InputTimeLimitExceeded';
// Country calling codes for PhoneNumberValidation's Local format, for the countries the sandbox is likely to see.
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1',
  CA: '1',
  GB: '44',
  AU: '61',
  NZ: '64',
  IE: '353',
  DE: '49',
  FR: '33',
  ES: '34',
  IT: '39',
  IN: '91',
  MX: '52',
  BR: '55',
  JP: '81',
};
const E164 = /^\+[1-9]\d{1,14}$/;

const getInputParametersSchema = messageSchema.extend({
  // "J": a number or a JSONPath; exported flows write it as a string.
  InputTimeLimitSeconds: z.union([z.string(), z.number()]).optional(),
  StoreInput: z.string().optional(),
  InputValidation: z
    .object({
      PhoneNumberValidation: z.object({ NumberFormat: z.string(), CountryCode: z.string().optional() }).optional(),
      CustomValidation: z.object({ MaximumLength: z.union([z.string(), z.number()]) }).optional(),
    })
    .optional(),
  DTMFConfiguration: z.object({ InputTerminationSequence: z.string().optional() }).loose().optional(),
});

/**
 * GetParticipantInput ("Get customer input", DTMF): plays its prompt, then takes the caller's next input. Digits
 * branch on the conditions, or with StoreInput True are validated and stored as `$.StoredCustomerInput`. A silent
 * caller (or one who speaks instead of pressing keys) gets InputTimeLimitExceeded after InputTimeLimitSeconds.
 */
export const getParticipantInput: ActionHandler = async (scope) => {
  const parameters = parseParameters(scope.action, getInputParametersSchema);
  await playMessage(scope, parameters);
  const timeoutSeconds = seconds(scope, 'InputTimeLimitSeconds', parameters.InputTimeLimitSeconds, DEFAULT_INPUT_SECONDS);
  const identifier = scope.action.Identifier;
  const input = await scope.session.awaitCallerInput(identifier, timeoutSeconds * 1000);
  if (input?.dtmf === undefined) {
    if (input !== undefined) {
      scope.session.emit({ type: 'warning', identifier, message: 'the caller spoke, but this block collects DTMF digits: ignored' });
    }
    scope.session.emit({ type: 'input', identifier, kind: 'timeout' });
    throw new ActionFailure(INPUT_TIMEOUT, `the caller pressed nothing within ${timeoutSeconds} s`);
  }
  const maximumLength = parameters.InputValidation?.CustomValidation?.MaximumLength;
  const terminator = parameters.DTMFConfiguration?.InputTerminationSequence ?? '#';
  let digits = input.dtmf.endsWith(terminator) ? input.dtmf.slice(0, -terminator.length) : input.dtmf;
  if (maximumLength !== undefined) digits = digits.slice(0, Number(maximumLength));
  scope.session.emit({ type: 'input', identifier, kind: 'dtmf', value: digits });
  if (parameters.StoreInput?.toLowerCase() !== 'true') return { kind: 'branch', value: digits };
  const validation = parameters.InputValidation?.PhoneNumberValidation;
  scope.session.contact.storedCustomerInput = validation === undefined ? digits : phoneNumber(digits, validation);
  return NEXT;
};

function phoneNumber(digits: string, { NumberFormat, CountryCode }: { NumberFormat: string; CountryCode?: string }): string {
  if (NumberFormat.toLowerCase() === 'e164') {
    const number = digits.startsWith('+') ? digits : `+${digits}`;
    if (E164.test(number)) return number;
    throw new ActionFailure('InvalidPhoneNumber', `'${digits}' is not an E.164 phone number`);
  }
  const code = CALLING_CODES[(CountryCode ?? 'US').toUpperCase()];
  // A national number drops its trunk prefix (0 in most countries) after the country code.
  const national = digits.replace(/^0/, '');
  const number = code === undefined ? undefined : `+${code}${national}`;
  if (number !== undefined && E164.test(number) && national.length >= 6) return number;
  throw new ActionFailure('InvalidPhoneNumber', `'${digits}' is not a local ${CountryCode ?? 'US'} phone number`);
}

const lexParametersSchema = messageSchema.extend({
  LexV2Bot: z.object({ AliasArn: z.string() }).optional(),
  LexBot: z.object({ Name: z.string(), Region: z.string().optional(), Alias: z.string().optional() }).optional(),
  LexSessionAttributes: z.record(z.string(), z.string()).optional(),
  LexTimeoutSeconds: z.object({ Text: z.union([z.string(), z.number()]) }).optional(),
});

/**
 * ConnectParticipantWithLexBot ("Get customer input", Lex): plays its prompt, then the caller's next input is what
 * the bot hears. An intent from the scenario becomes `$.Lex` (IntentName, Slots, …) and the branch; words or digits
 * without one are Lex's FallbackIntent. A silent caller gets InputTimeLimitExceeded after the bot's start timeout.
 */
export const connectParticipantWithLexBot: ActionHandler = async (scope) => {
  const parameters = parseParameters(scope.action, lexParametersSchema);
  const bot =
    parameters.LexV2Bot !== undefined
      ? scope.reference('LexV2Bot.AliasArn', parameters.LexV2Bot.AliasArn)
      : scope.reference('LexBot.Name', parameters.LexBot?.Name ?? '');
  const sessionAttributes = Object.fromEntries(
    Object.entries(parameters.LexSessionAttributes ?? {}).map(([key, value]) => [key, scope.text(value)]),
  );
  await playMessage(scope, parameters);
  const startTimeoutMs = parseNumber(sessionAttributes['x-amz-lex:audio:start-timeout-ms:*'] ?? '') ?? DEFAULT_LEX_START_TIMEOUT_MS;
  const identifier = scope.action.Identifier;
  const input = await scope.session.awaitCallerInput(identifier, startTimeoutMs);
  if (input === undefined) {
    scope.session.emit({ type: 'input', identifier, kind: 'timeout' });
    throw new ActionFailure(INPUT_TIMEOUT, `the caller said nothing to bot ${bot} within ${startTimeoutMs} ms`);
  }
  const transcript = input.utterance ?? input.dtmf ?? '';
  const intentName = input.intent?.name ?? 'FallbackIntent';
  const slots = { ...input.intent?.slots };
  scope.session.emit(
    input.intent === undefined
      ? { type: 'input', identifier, kind: input.utterance === undefined ? 'dtmf' : 'utterance', value: transcript }
      : { type: 'input', identifier, kind: 'intent', value: intentName, slots },
  );
  scope.frame.lex = {
    IntentName: intentName,
    IntentConfidence: { Score: String(input.intent?.confidence ?? (input.intent === undefined ? 0 : 1)) },
    Slots: slots,
    SessionAttributes: sessionAttributes,
    InputTranscript: transcript,
  };
  return { kind: 'branch', value: intentName };
};

function seconds(scope: ActionScope, name: string, raw: string | number | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = parseNumber(scope.text(String(raw)));
  if (value === undefined || value <= 0) throw new ActionFailure('NoMatchingError', `${name} '${raw}' is not a positive number of seconds`);
  return value;
}
