import { z } from 'zod';
import { ActionFailure } from '../failures';
import { DEFAULT_TTS_MS_PER_CHARACTER } from '../options';
import { parseParameters } from '../parameters';
import { type ActionHandler, type ActionScope, NEXT } from '../scope';
import { InvalidSsmlError, plainTextUtterance, ssmlUtterance, type Utterance } from '../tts';

// A prompt or media file the sandbox cannot resolve plays as this much silence (with a warning).
const UNKNOWN_AUDIO_MS = 1000;

const parametersSchema = z
  .object({
    Text: z.string().optional(),
    SSML: z.string().optional(),
    PromptId: z.string().optional(),
    Media: z.object({ Uri: z.string(), SourceType: z.literal('S3'), MediaType: z.literal('Audio') }).optional(),
  })
  .refine(
    (parameters) => [parameters.Text, parameters.SSML, parameters.PromptId, parameters.Media].filter((p) => p !== undefined).length === 1,
    'exactly one of Text, SSML, PromptId and Media is required',
  );

/** MessageParticipant ("Play prompt"): speaks text or SSML, or plays a prompt or S3 audio, for its duration. */
export const messageParticipant: ActionHandler = async (scope) => {
  const { Text, SSML, PromptId, Media } = parseParameters(scope.action, parametersSchema);
  const msPerCharacter = scope.session.options.ttsMsPerCharacter ?? DEFAULT_TTS_MS_PER_CHARACTER;
  if (Text !== undefined) {
    await speak(scope, plainTextUtterance(scope.text(Text), msPerCharacter));
  } else if (SSML !== undefined) {
    const ssml = scope.text(SSML);
    await speak(scope, parseSsml(ssml, msPerCharacter), ssml);
  } else if (PromptId !== undefined) {
    await play(scope, 'prompt', scope.text(PromptId));
  } else if (Media !== undefined) {
    await play(scope, 'media', scope.text(Media.Uri));
  }
  return NEXT;
};

function parseSsml(ssml: string, msPerCharacter: number): Utterance {
  try {
    return ssmlUtterance(ssml, msPerCharacter);
  } catch (error) {
    if (error instanceof InvalidSsmlError) throw new ActionFailure('NoMatchingError', `invalid SSML: ${error.message}`);
    throw error;
  }
}

async function speak(scope: ActionScope, utterance: Utterance, ssml?: string): Promise<void> {
  scope.session.emit({
    type: 'speech',
    identifier: scope.action.Identifier,
    text: utterance.text,
    ...(ssml === undefined ? {} : { ssml }),
    durationMs: utterance.durationMs,
  });
  await scope.session.wait(utterance.durationMs);
}

async function play(scope: ActionScope, source: 'prompt' | 'media', uri: string): Promise<void> {
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
  session.emit({ type: 'audio', identifier, source, uri, durationMs });
  await session.wait(durationMs);
}
