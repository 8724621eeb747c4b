import { DEFAULT_TTS_MS_PER_CHARACTER } from '@genagent-connect/connect-flow';
import type { ScenarioInput } from '../src';

type ConversationSteps = NonNullable<ScenarioInput['conversation']>;

/** GenerativeAgent's side of one benchmarked call, and how many utterances it speaks. */
export interface CallScript {
  readonly conversation: ConversationSteps;
  readonly utterances: number;
}

/** A uniform draw in [min, max) from the bench's seeded generator. */
type Draw = (min: number, max: number) => number;

export function uniform(random: () => number): Draw {
  return (min, max) => min + random() * (max - min);
}

function pick<T>(items: readonly T[], draw: Draw): T {
  return items[Math.floor(draw(0, items.length))] as T;
}

/** What the interpreter's TTS takes to say `text`. */
export function ttsMs(text: string): number {
  return text.length * DEFAULT_TTS_MS_PER_CHARACTER;
}

const processingEnd = (atMs: number) => ({ atMs: Math.round(atMs), push: { action: 'processingEnd' } });
const processingStart = (atMs: number) => ({ atMs: Math.round(atMs), push: { action: 'processingStart' } });
const speak = (atMs: number, text: string) => ({ atMs: Math.round(atMs), push: { action: 'speak', speakParams: { text } } });
const disengage = (atMs: number) => ({ atMs: Math.round(atMs), push: { action: 'disengage' } });

/** Workload 1, speak latency as issue 5 defines it: short answers pushed at random moments while the module is idle. */
export const IDLE_SPEECH = {
  answers: ['Sure.', 'Okay.', 'Got it.', 'One moment.', 'Yes.', 'Done.'],
  /** Idle time before each push, after the previous utterance has ended: it spans whole 1 s poll cycles, so a push
   *  lands at a uniformly random point of poll mode's silence. */
  idleMs: [1000, 3000],
  /** Call time allowed for an utterance to start: poll mode's longest wait while idle (1 s of silence, then a
   *  PullAction) with room to spare, so the next push never lands while the previous utterance is playing. */
  startAllowanceMs: 1500,
} as const;

export function idleSpeechCall(utterances: number, random: () => number): CallScript {
  const draw = uniform(random);
  const { answers, idleMs, startAllowanceMs } = IDLE_SPEECH;
  // The module starts out processing (400 ms polls); processingEnd makes it idle (1 s polls).
  const conversation: ConversationSteps = [processingEnd(0)];
  let idleFrom = startAllowanceMs;
  for (let index = 0; index < utterances; index++) {
    const pushAt = idleFrom + draw(idleMs[0], idleMs[1]);
    const text = pick(answers, draw);
    conversation.push(speak(pushAt, text));
    idleFrom = pushAt + startAllowanceMs + ttsMs(text);
  }
  conversation.push(disengage(idleFrom + idleMs[0]));
  return { conversation, utterances };
}

/** Workload 2, PullAction invocations per call-minute: a conversation, turn after turn. */
export const CONVERSATION = {
  greeting: 'Hi, thanks for calling. You are speaking with our virtual assistant. How can I help you today?',
  /** Answers a contact-center assistant gives: one sentence each, about 60-120 characters (3.5-7 s of speech). */
  sentences: [
    'Your order shipped yesterday and should arrive on Thursday.',
    'I have updated your delivery address to 42 Elm Street, apartment 3B.',
    'Your current plan includes unlimited calls and ten gigabytes of data every month.',
    'The refund was issued on Monday, so you should see it on your card within three to five business days.',
    'I found your reservation for two nights starting Friday the fifteenth, for two adults.',
    'Your next bill is forty-two dollars and eighteen cents, due on the first of the month.',
    'I have cancelled that appointment and sent a confirmation to the email address on file.',
    'Your flight is on time and boards at gate B12 at six forty.',
    'I can see two charges from last week; the second one is a pending authorization and will drop off within three days.',
    'I have sent a password reset link by text message to the number ending in zero one hundred.',
  ],
  /** The caller speaks for this long once GenerativeAgent has finished (the module idles). */
  callerMs: [4000, 10_000],
  /** GenerativeAgent works on the answer for this long (processingStart … processingEnd). */
  processingMs: [1000, 4000],
  /** Call time allowed for an answer pushed right after processingEnd to start: poll mode's longest wait while
   *  processing (400 ms of silence, then a PullAction); long-poll starts it at once. */
  startAllowanceMs: 400,
} as const;

/**
 * A greeting, then `turns` times: the caller speaks (module idle), GenerativeAgent processes, then answers in one
 * sentence (processingEnd and speak pushed together). The last answer is followed by disengage.
 */
export function conversationCall(turns: number, random: () => number): CallScript {
  const draw = uniform(random);
  const { greeting, sentences, callerMs, processingMs, startAllowanceMs } = CONVERSATION;
  const conversation: ConversationSteps = [processingEnd(0), speak(0, greeting)];
  let speechEndsAt = startAllowanceMs + ttsMs(greeting);
  let lastAnswerAt = 0;
  for (let turn = 0; turn < turns; turn++) {
    const processingFrom = speechEndsAt + draw(callerMs[0], callerMs[1]);
    lastAnswerAt = processingFrom + draw(processingMs[0], processingMs[1]);
    const sentence = pick(sentences, draw);
    conversation.push(processingStart(processingFrom), processingEnd(lastAnswerAt), speak(lastAnswerAt, sentence));
    speechEndsAt = lastAnswerAt + startAllowanceMs + ttsMs(sentence);
  }
  conversation.push(disengage(lastAnswerAt));
  return { conversation, utterances: turns + 1 };
}
