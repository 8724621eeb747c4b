import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  linearToMulaw,
  PROCESSING_CUE_FILE,
  processingCueSamples,
  processingCueWav,
  SAMPLE_RATE_HZ,
  SEGMENTS,
} from '../../../flow-modules/audio/generate';

const committed = readFileSync(join(__dirname, '../../../flow-modules/audio', PROCESSING_CUE_FILE));

/** The chunks of a RIFF/WAVE file by id, walked by their sizes (payloads are padded to an even length). */
function wavChunks(wav: Buffer): Map<string, Buffer> {
  expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
  expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
  const chunks = new Map<string, Buffer>();
  let offset = 12;
  while (offset < wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    chunks.set(id, wav.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size + (size % 2);
  }
  expect(offset).toBe(wav.length);
  return chunks;
}

/** G.711 µ-law expansion as the ITU-T G.191 reference `ulaw_expand` computes it, independent of the encoder. */
function mulawToLinear(code: number): number {
  const inverted = ~code & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const step = 4 << (exponent + 1);
  const magnitude = (0x80 << exponent) + step * (inverted & 0x0f) + step / 2 - 4 * 33;
  return code < 0x80 ? -magnitude : magnitude;
}

/** Power of `frequencyHz` in the samples (Goertzel). */
function power(samples: readonly number[], frequencyHz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / SAMPLE_RATE_HZ);
  let [previous, beforePrevious] = [0, 0];
  for (const sample of samples) [previous, beforePrevious] = [sample + coefficient * previous - beforePrevious, previous];
  return previous ** 2 + beforePrevious ** 2 - coefficient * previous * beforePrevious;
}

describe('processing cue WAV', () => {
  const chunks = wavChunks(committed);
  const fmt = chunks.get('fmt ') as Buffer;
  const data = chunks.get('data') as Buffer;
  const decoded = [...data].map(mulawToLinear);

  it('is what Amazon Connect plays from S3: 8 kHz mono G.711 µ-law (WAVE format 7), one byte per sample', () => {
    // Non-PCM formats carry the 18-byte WAVEFORMATEX (cbSize 0 for µ-law) and a fact chunk with the sample count.
    expect(fmt.length).toBe(18);
    expect({
      formatTag: fmt.readUInt16LE(0),
      channels: fmt.readUInt16LE(2),
      sampleRate: fmt.readUInt32LE(4),
      byteRate: fmt.readUInt32LE(8),
      blockAlign: fmt.readUInt16LE(12),
      bitsPerSample: fmt.readUInt16LE(14),
      cbSize: fmt.readUInt16LE(16),
    }).toEqual({ formatTag: 7, channels: 1, sampleRate: 8000, byteRate: 8000, blockAlign: 1, bitsPerSample: 8, cbSize: 0 });
    expect(chunks.get('fact')?.readUInt32LE(0)).toBe(data.length);
    expect([...chunks.keys()]).toEqual(['fmt ', 'fact', 'data']);
  });

  it('lasts 300 ms', () => {
    expect((data.length / 8000) * 1000).toBe(300);
  });

  it('is what the generator produces (regenerate it after changing generate.ts)', () => {
    expect(processingCueWav().equals(committed)).toBe(true);
  });

  it('encodes G.711 code points, and round-trips the whole 16-bit range within one quantisation step', () => {
    expect([0, 32767, -32768, 32124, -32124].map(linearToMulaw)).toEqual([0xff, 0x80, 0x00, 0x80, 0x00]);
    expect([0xff, 0x7f, 0x80, 0x00].map(mulawToLinear)).toEqual([0, -0, 32124, -32124]);
    for (let sample = -32768; sample < 32768; sample += 7) {
      const error = Math.abs(mulawToLinear(linearToMulaw(sample)) - Math.max(-32124, Math.min(32124, sample)));
      expect(error).toBeLessThanOrEqual(Math.max(8, (Math.abs(sample) + 132) / 32 + 4));
    }
  });

  it('decodes to the generated tone within µ-law quantisation, starting and ending at silence', () => {
    const linear = processingCueSamples();
    expect(decoded).toHaveLength(linear.length);
    decoded.forEach((sample, index) => {
      expect(Math.abs(sample - (linear[index] as number))).toBeLessThanOrEqual((Math.abs(linear[index] as number) + 132) / 32 + 4);
    });
    expect(Math.max(...decoded.map(Math.abs))).toBeGreaterThan(8000);
    expect(decoded[0]).toBe(0);
    expect(Math.abs(decoded.at(-1) ?? Number.NaN)).toBeLessThan(50);
  });

  it('plays the high tone, a silent gap, then the low tone', () => {
    const [beep = 0, gap = 0, bop = 0] = SEGMENTS.map(({ durationMs }) => (durationMs * SAMPLE_RATE_HZ) / 1000);
    const high = decoded.slice(0, beep);
    const low = decoded.slice(beep + gap, beep + gap + bop);
    expect(power(high, 1046.5)).toBeGreaterThan(100 * power(high, 784));
    expect(power(low, 784)).toBeGreaterThan(100 * power(low, 1046.5));
    expect(decoded.slice(beep, beep + gap).every((sample) => sample === 0)).toBe(true);
  });
});
