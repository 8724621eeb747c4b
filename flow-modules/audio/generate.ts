// Generates the processing cue ("beep-bop") that the GenerativeAgent module plays while GenerativeAgent is thinking.
// Amazon Connect plays prompts from S3 only as 8 kHz mono WAV with U-Law (G.711 µ-law) encoding; silences are SSML
// breaks in the flow, so this is the only audio file. The output is a pure function of the constants below, so the
// committed WAV can be checked for drift.
// Run from the repository root: `pnpm exec tsx flow-modules/audio/generate.ts [output.wav]`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_RATE_HZ = 8000;
const AMPLITUDE = 0.3; // of full scale: audible over a phone line without clipping or startling the caller
const FADE_MS = 10; // raised-cosine edges, so the tones start and stop without clicks

/** Two tones, high then low, 300 ms in all. Frequencies sit well inside the 300-3400 Hz telephone band. */
export const SEGMENTS: readonly { readonly frequencyHz: number; readonly durationMs: number }[] = [
  { frequencyHz: 1046.5, durationMs: 140 }, // C6 "beep"
  { frequencyHz: 0, durationMs: 20 }, // gap
  { frequencyHz: 784, durationMs: 140 }, // G5 "bop"
];

export const PROCESSING_CUE_FILE = 'processing-cue.wav';

/** The cue as 16-bit linear samples, before µ-law encoding. */
export function processingCueSamples(): number[] {
  return SEGMENTS.flatMap(({ frequencyHz, durationMs }) => tone(frequencyHz, durationMs));
}

/** The processing cue as a complete WAV file: RIFF header, µ-law `fmt ` and `fact` chunks, one byte per sample. */
export function processingCueWav(): Buffer {
  return mulawWavFile(processingCueSamples().map(linearToMulaw));
}

function tone(frequencyHz: number, durationMs: number): number[] {
  const count = Math.round((SAMPLE_RATE_HZ * durationMs) / 1000);
  const fadeCount = Math.round((SAMPLE_RATE_HZ * FADE_MS) / 1000);
  return Array.from({ length: count }, (_, index) => {
    if (frequencyHz === 0) return 0;
    const edgeDistance = Math.min(index, count - 1 - index);
    const envelope = edgeDistance >= fadeCount ? 1 : 0.5 - 0.5 * Math.cos((Math.PI * edgeDistance) / fadeCount);
    const value = AMPLITUDE * envelope * Math.sin((2 * Math.PI * frequencyHz * index) / SAMPLE_RATE_HZ);
    return Math.round(value * 32767);
  });
}

/**
 * ITU-T G.711 µ-law, computed as the ITU-T G.191 reference `ulaw_compress` does: the 14-bit magnitude (one's
 * complement for negative samples) plus 33, its segment (3 bits) and step within it (4 bits), bits inverted, the top
 * bit set for samples ≥ 0. 0 encodes as 0xFF, +32767 as 0x80, -32768 as 0x00.
 */
export function linearToMulaw(sample: number): number {
  const magnitude = Math.min(((sample < 0 ? ~sample : sample) >> 2) + 33, 0x1fff);
  let segment = 1;
  for (let rest = magnitude >> 6; rest !== 0; rest >>= 1) segment++;
  const code = ((8 - segment) << 4) | (0x0f - ((magnitude >> segment) & 0x0f));
  return sample >= 0 ? code | 0x80 : code;
}

/**
 * A non-PCM WAVE file needs the 18-byte WAVEFORMATEX `fmt ` chunk (cbSize 0 for µ-law) and a `fact` chunk holding
 * the number of samples; one channel of 8-bit samples makes the block 1 byte and the byte rate the sample rate.
 */
function mulawWavFile(bytes: readonly number[]): Buffer {
  const fmt = Buffer.alloc(18);
  fmt.writeUInt16LE(7, 0); // WAVE_FORMAT_MULAW
  fmt.writeUInt16LE(1, 2); // mono
  fmt.writeUInt32LE(SAMPLE_RATE_HZ, 4);
  fmt.writeUInt32LE(SAMPLE_RATE_HZ, 8); // byte rate
  fmt.writeUInt16LE(1, 12); // block align
  fmt.writeUInt16LE(8, 14); // bits per sample
  fmt.writeUInt16LE(0, 16); // cbSize: no extra format bytes
  const fact = Buffer.alloc(4);
  fact.writeUInt32LE(bytes.length, 0);
  const body = Buffer.concat([chunk('fmt ', fmt), chunk('fact', fact), chunk('data', Buffer.from(bytes))]);
  return Buffer.concat([Buffer.from('RIFF', 'ascii'), uint32(4 + body.length), Buffer.from('WAVE', 'ascii'), body]);
}

/** A RIFF chunk: id, little-endian size, payload padded to an even length. */
function chunk(id: string, payload: Buffer): Buffer {
  const padding = Buffer.alloc(payload.length % 2);
  return Buffer.concat([Buffer.from(id, 'ascii'), uint32(payload.length), payload, padding]);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value, 0);
  return bytes;
}

if (require.main === module) {
  const outputPath = process.argv[2] ?? join(__dirname, PROCESSING_CUE_FILE);
  writeFileSync(outputPath, processingCueWav());
  console.log(`wrote ${outputPath}`);
}
