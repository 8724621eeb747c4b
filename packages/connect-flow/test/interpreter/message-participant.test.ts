import { act, actionsRun, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const playThenHangUp = (Parameters: Record<string, unknown>) =>
  flowOf(act('play', 'MessageParticipant', Parameters, { NextAction: 'hangUp', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] }), hangUp(), ...routeTo('failed'));

describe('MessageParticipant', () => {
  it('speaks interpolated Text for 60 ms a character, then moves on', async () => {
    const result = await run(playThenHangUp({ Text: 'Hi $.Attributes.name' }), { contact: { attributes: { name: 'Ann' } } });
    expect(eventsOfType(result, 'speech')).toEqual([{ type: 'speech', identifier: 'play', text: 'Hi Ann', durationMs: 360, at: 0 }]);
    expect(eventsOfType(result, 'disconnect')[0]?.at).toBe(360);
    expect(result.durationMs).toBe(360);
  });

  it('uses options.ttsMsPerCharacter', async () => {
    const result = await run(playThenHangUp({ Text: 'abcd' }), { ttsMsPerCharacter: 100 });
    expect(eventsOfType(result, 'speech')[0]?.durationMs).toBe(400);
  });

  it('speaks SSML: heard text without tags, raw markup kept, breaks summed', async () => {
    const result = await run(playThenHangUp({ SSML: '<speak>$.Attributes.word<break time="400ms"/></speak>' }), {
      contact: { attributes: { word: 'Yes' } },
    });
    expect(eventsOfType(result, 'speech')).toEqual([
      { type: 'speech', identifier: 'play', text: 'Yes', ssml: '<speak>Yes<break time="400ms"/></speak>', durationMs: 180 + 400, at: 0 },
    ]);
  });

  it('speaks plain words in the SSML field as if wrapped in <speak>, with a warning', async () => {
    const result = await run(playThenHangUp({ SSML: 'Welcome to ACME' }));
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'speech', text: 'Welcome to ACME', ssml: '<speak>Welcome to ACME</speak>' }));
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'warning', message: 'SSML without <speak> markup: spoken as if wrapped in <speak>…</speak>' }));
  });

  it('takes the error branch for SSML Polly would reject', async () => {
    const result = await run(playThenHangUp({ SSML: '<speak>Fish & chips</speak>' }));
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'speech')).toEqual([]);
    expect(eventsOfType(result, 'error')).toEqual([
      expect.objectContaining({ identifier: 'play', errorType: 'NoMatchingError', handled: true, message: expect.stringContaining('bare "&"') }),
    ]);
  });

  it('plays a prompt for the duration resolveAudio gives', async () => {
    const result = await run(playThenHangUp({ PromptId: 'arn:aws:connect:prompt/beep' }), {
      resolveAudio: (id) => (id === 'arn:aws:connect:prompt/beep' ? { durationMs: 750 } : undefined),
    });
    expect(eventsOfType(result, 'audio')).toEqual([
      { type: 'audio', identifier: 'play', source: 'prompt', uri: 'arn:aws:connect:prompt/beep', durationMs: 750, at: 0 },
    ]);
    expect(eventsOfType(result, 'warning')).toEqual([]);
    expect(result.durationMs).toBe(750);
  });

  it('plays an unknown prompt as 1 s of silence, with a warning', async () => {
    const result = await run(playThenHangUp({ PromptId: 'asappSilence1s' }));
    expect(eventsOfType(result, 'audio')[0]).toMatchObject({ uri: 'asappSilence1s', durationMs: 1000 });
    expect(eventsOfType(result, 'warning')).toEqual([
      expect.objectContaining({ identifier: 'play', message: expect.stringContaining("unknown prompt 'asappSilence1s'") }),
    ]);
    expect(result.durationMs).toBe(1000);
  });

  it('plays S3 media with an interpolated URI', async () => {
    const result = await run(playThenHangUp({ Media: { Uri: 's3://bucket/$.Attributes.file', SourceType: 'S3', MediaType: 'Audio' } }), {
      contact: { attributes: { file: 'cue.wav' } },
      resolveAudio: (uri) => (uri === 's3://bucket/cue.wav' ? { durationMs: 600 } : undefined),
    });
    expect(eventsOfType(result, 'audio')[0]).toMatchObject({ source: 'media', uri: 's3://bucket/cue.wav', durationMs: 600 });
  });

  it('takes the error branch, without playing, when the media cannot be played', async () => {
    const uri = 'https://bucket.s3.us-east-1.amazonaws.com/cue.wav';
    const result = await run(playThenHangUp({ Media: { Uri: uri, SourceType: 'S3', MediaType: 'Audio' } }), {
      resolveAudio: () => ({ failure: 'access denied' }),
    });
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'audio')).toEqual([]);
    expect(eventsOfType(result, 'error')).toEqual([
      expect.objectContaining({ identifier: 'play', errorType: 'NoMatchingError', handled: true, message: `cannot play media '${uri}': access denied` }),
    ]);
    expect(result.durationMs).toBe(0);
  });

  it('stops the run when it has more than one of Text, SSML, PromptId and Media', async () => {
    const result = await run(playThenHangUp({ Text: 'a', PromptId: 'b' }));
    expect(result.endReason).toBe('error');
    expect(result.error).toMatch(/action 'play' \(MessageParticipant\) has invalid parameters: .*exactly one of Text, SSML, PromptId and Media/);
    expect(actionsRun(result)).toEqual(['play']);
  });
});
