import { seededRandom } from '../bench/stats';
import { CONVERSATION, conversationCall, IDLE_SPEECH, idleSpeechCall, ttsMs } from '../bench/workloads';

// The bench's numbers mean what it prints only if its scripts are what it describes; these check the scripts.
type Step = ReturnType<typeof conversationCall>['conversation'][number];
const actionOf = (step: Step) => String(step.push?.action);
const textOf = (step: Step) => String((step.push?.speakParams as { text?: unknown } | undefined)?.text);

describe('bench workload 1: speech pushed while the module is idle', () => {
  it('pushes each answer 1-3 s after the previous one can have ended in either mode, then disengages', () => {
    const { conversation, utterances } = idleSpeechCall(50, seededRandom(7));
    expect(utterances).toBe(50);
    expect(conversation.map(actionOf)).toEqual(['processingEnd', ...Array<string>(50).fill('speak'), 'disengage']);
    let idleFrom = IDLE_SPEECH.startAllowanceMs;
    for (const step of conversation.slice(1, -1)) {
      const idleMs = step.atMs - idleFrom;
      expect(idleMs).toBeGreaterThanOrEqual(IDLE_SPEECH.idleMs[0] - 1);
      expect(idleMs).toBeLessThanOrEqual(IDLE_SPEECH.idleMs[1] + 1);
      idleFrom = step.atMs + IDLE_SPEECH.startAllowanceMs + ttsMs(textOf(step));
    }
  });
});

describe('bench workload 2: a conversation', () => {
  it('greets, then per turn: the caller speaks 4-10 s, GenerativeAgent processes 1-4 s and answers in one sentence', () => {
    const turns = 30;
    const { conversation, utterances } = conversationCall(turns, seededRandom(7));
    expect(utterances).toBe(turns + 1);
    expect(conversation.slice(0, 2).map(actionOf)).toEqual(['processingEnd', 'speak']);
    expect(conversation.at(-1)?.push?.action).toBe('disengage');
    let speechEndsAt = CONVERSATION.startAllowanceMs + ttsMs(CONVERSATION.greeting);
    for (let turn = 0; turn < turns; turn++) {
      const [start, end, answer] = conversation.slice(2 + turn * 3, 5 + turn * 3) as [Step, Step, Step];
      expect([start, end, answer].map(actionOf)).toEqual(['processingStart', 'processingEnd', 'speak']);
      expect(CONVERSATION.sentences).toContain(textOf(answer));
      const callerMs = start.atMs - speechEndsAt;
      expect(callerMs).toBeGreaterThanOrEqual(CONVERSATION.callerMs[0] - 1);
      expect(callerMs).toBeLessThanOrEqual(CONVERSATION.callerMs[1] + 1);
      const processingMs = end.atMs - start.atMs;
      expect(processingMs).toBeGreaterThanOrEqual(CONVERSATION.processingMs[0] - 1);
      expect(processingMs).toBeLessThanOrEqual(CONVERSATION.processingMs[1] + 1);
      expect(answer.atMs).toBe(end.atMs);
      speechEndsAt = answer.atMs + CONVERSATION.startAllowanceMs + ttsMs(textOf(answer));
    }
  });
});
