import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROCESSING_CUE_FILE, processingCueWav } from '../../../flow-modules/audio/generate';

const committed = readFileSync(join(__dirname, '../../../flow-modules/audio', PROCESSING_CUE_FILE));

describe('processing cue WAV', () => {
  it('is 8 kHz mono 16-bit PCM, about 300 ms long', () => {
    expect(committed.toString('ascii', 0, 4)).toBe('RIFF');
    expect(committed.toString('ascii', 8, 12)).toBe('WAVE');
    expect(committed.readUInt16LE(20)).toBe(1); // PCM
    expect(committed.readUInt16LE(22)).toBe(1); // channels
    expect(committed.readUInt32LE(24)).toBe(8000);
    expect(committed.readUInt16LE(34)).toBe(16);
    const durationMs = (committed.readUInt32LE(40) / 2 / 8000) * 1000;
    expect(durationMs).toBe(300);
  });

  it('is what the generator produces (regenerate it after changing generate.ts)', () => {
    expect(processingCueWav().equals(committed)).toBe(true);
  });

  it('carries sound, starting and ending at silence (no clicks)', () => {
    const samples = Array.from({ length: committed.readUInt32LE(40) / 2 }, (_, i) => committed.readInt16LE(44 + i * 2));
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(8000);
    expect(samples[0]).toBe(0);
    expect(Math.abs(samples.at(-1) ?? Number.NaN)).toBeLessThan(50);
  });
});
