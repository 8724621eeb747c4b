import { z } from 'zod';
import { parseParameters } from '../parameters';
import { type ActionHandler, NEXT } from '../scope';

const parametersSchema = z.object({
  TextToSpeechVoice: z.string().min(1),
  // Connect accepts the engine in any case ("Neural" in exported flows, "neural" in its API).
  TextToSpeechEngine: z
    .string()
    .refine((engine) => ['standard', 'neural', 'long-form', 'generative'].includes(engine.toLowerCase()), 'must be Standard, Neural, Long-Form or Generative')
    .optional(),
  TextToSpeechStyle: z.string().optional(),
});

/** UpdateContactTextToSpeechVoice ("Set voice"): changes `$.TextToSpeechVoiceId`; timing is voice-independent here. */
export const updateContactTextToSpeechVoice: ActionHandler = async (scope) => {
  const { TextToSpeechVoice } = parseParameters(scope.action, parametersSchema);
  scope.session.contact.voiceId = TextToSpeechVoice;
  return NEXT;
};
