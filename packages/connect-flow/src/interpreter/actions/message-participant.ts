import { z } from 'zod';
import { ActionFailure } from '../failures';
import { DEFAULT_TTS_MS_PER_CHARACTER } from '../options';
import { parseParameters } from '../parameters';
import { type ActionHandler, type ActionScope, NEXT } from '../scope';
import { InvalidSsmlError, plainTextUtterance, ssmlUtterance, type Utterance } from '../tts';

// A prompt or media file the sandbox cannot resolve plays as this much silence (with a warning).
const UNKNOWN_AUDIO_MS = 1000;

const mediaSchema = z.object({ Uri: z.string(), SourceType: z.literal('S3'), MediaType: z.literal('Audio') });

/** What a block plays: text, SSML, a prompt or S3 audio (Play prompt, Get customer input, Lex, Loop prompts). */
export const messageSchema = z.object({
  Text: z.string().optional(),
  SSML: z.string().optional(),
  PromptId: z.string().optional(),
  Media: mediaSchema.optional(),
});
export type Message = z.output<typeof messageSchema>;

const parametersSchema = messageSchema.refine(
  (parameters) => [parameters.Text, parameters.SSML, parameters.PromptId, parameters.Media].filter((p) => p !== undefined).length === 1,
  'exactly one of Text, SSML, PromptId and Media is required',
);

/** MessageParticipant ("Play prompt"): speaks text or SSML, or plays a prompt or S3 audio, for its duration. */
export const messageParticipant: ActionHandler = async (scope) => {
  await playMessage(scope, parseParameters(scope.action, parametersSchema));
  return NEXT;
};

/** Plays the message (if the block has one) for its whole duration, or cut off after `maxMs`. */
export async function playMessage(
  scope: ActionScope,
  { Text, SSML, PromptId, Media }: Message,
  maxMs = Number.POSITIVE_INFINITY,
): Promise<void> {
  const msPerCharacter = scope.session.options.ttsMsPerCharacter ?? DEFAULT_TTS_MS_PER_CHARACTER;
  if (Text !== undefined) {
    await speak(scope, plainTextUtterance(scope.text(Text), msPerCharacter), maxMs);
  } else if (SSML !== undefined) {
    const ssml = asSsml(scope, scope.text(SSML));
    await speak(scope, parseSsml(ssml, msPerCharacter), maxMs, ssml);
  } else if (PromptId !== undefined) {
    await play(scope, 'prompt', scope.reference('PromptId', PromptId), maxMs);
  } else if (Media !== undefined) {
    await play(scope, 'media', scope.reference('Media.Uri', Media.Uri), maxMs);
  }
}

/**
 * Real flows put plain words in the SSML field ("Welcome to ACME corporation") and Connect published them; text with
 * no markup at all is spoken as if wrapped in <speak> (⚠ Connect's handling is undocumented), with a warning.
 */
function asSsml(scope: ActionScope, ssml: string): string {
  if (ssml.includes('<')) return ssml;
  scope.session.emit({
    type: 'warning',
    identifier: scope.action.Identifier,
    message: 'SSML without <speak> markup: spoken as if wrapped in <speak>…</speak>',
  });
  return `<speak>${ssml}</speak>`;
}

function parseSsml(ssml: string, msPerCharacter: number): Utterance {
  try {
    return ssmlUtterance(ssml, msPerCharacter);
  } catch (error) {
    if (error instanceof InvalidSsmlError) throw new ActionFailure('NoMatchingError', `invalid SSML: ${error.message}`);
    throw error;
  }
}

async function speak(scope: ActionScope, utterance: Utterance, maxMs: number, ssml?: string): Promise<void> {
  const durationMs = Math.min(utterance.durationMs, maxMs);
  scope.session.emit({
    type: 'speech',
    identifier: scope.action.Identifier,
    text: utterance.text,
    ...(ssml === undefined ? {} : { ssml }),
    durationMs,
  });
  await scope.session.wait(durationMs);
}

async function play(scope: ActionScope, source: 'prompt' | 'media', uri: string, maxMs: number): Promise<void> {
  const identifier = scope.action.Identifier;
  const session = scope.session;
  const resolved = session.options.resolveAudio?.(uri);
  if (resolved !== undefined && 'failure' in resolved) {
    throw new ActionFailure('NoMatchingError', `cannot play ${source} '${uri}': ${resolved.failure}`);
  }
  let durationMs = resolved?.durationMs;
  if (durationMs === undefined) {
    durationMs = UNKNOWN_AUDIO_MS;
    session.emit({ type: 'warning', identifier, message: `unknown ${source} '${uri}': playing ${UNKNOWN_AUDIO_MS} ms of silence` });
  }
  durationMs = Math.min(durationMs, maxMs);
  session.emit({ type: 'audio', identifier, source, uri, durationMs });
  await session.wait(durationMs);
}

const MESSAGES_INTERRUPTED = 'MessagesInterrupted';

const iterativeParametersSchema = z.object({
  Messages: z.array(messageSchema).min(1),
  // "J": static seconds or a JSONPath.
  InterruptFrequencySeconds: z.union([z.string(), z.number()]).optional(),
});

/**
 * MessageParticipantIteratively ("Loop prompts"): plays its messages over and over. With InterruptFrequencySeconds
 * it branches MessagesInterrupted after that long (a customer queue flow's chance to offer a callback, say);
 * without, it plays until the call ends (a hold flow, until the agent resumes).
 */
export const messageParticipantIteratively: ActionHandler = async (scope) => {
  const { Messages, InterruptFrequencySeconds } = parseParameters(scope.action, iterativeParametersSchema);
  const { session } = scope;
  const intervalSeconds =
    InterruptFrequencySeconds === undefined ? undefined : Number(scope.text(String(InterruptFrequencySeconds)));
  if (intervalSeconds !== undefined && !(intervalSeconds > 0)) {
    throw new ActionFailure('NoMatchingError', `InterruptFrequencySeconds '${InterruptFrequencySeconds}' is not a positive number`);
  }
  const interruptAt = intervalSeconds === undefined ? Number.POSITIVE_INFINITY : session.elapsed() + intervalSeconds * 1000;
  for (let index = 0; ; index = (index + 1) % Messages.length) {
    const before = session.elapsed();
    await playMessage(scope, Messages[index] as Message, interruptAt - before);
    if (session.elapsed() >= interruptAt) return { kind: 'branch', value: MESSAGES_INTERRUPTED };
    // A message that takes no time (empty text) must not spin: the loop then waits as a silent second would.
    if (session.elapsed() === before) await session.wait(Math.min(1000, interruptAt - before));
  }
};
