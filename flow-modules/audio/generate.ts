// Generates the processing cue ("beep-bop") that the GenerativeAgent module plays while GenerativeAgent is thinking.
// Amazon Connect plays 8 kHz mono 16-bit PCM WAV from S3; silences are SSML breaks in the flow, so this is the only
// audio file. The output is a pure function of the constants below, so the committed WAV can be checked for drift.
// Run from the repository root: `pnpm exec tsx flow-modules/audio/generate.ts [output.wav]`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE_RATE_HZ = 8000;
const AMPLITUDE = 0.3; // of full scale: audible over a phone line without clipping or startling the caller
const FADE_MS = 10; // raised-cosine edges, so the tones start and stop without clicks

/** Two tones, high then low, 300 ms in all. Frequencies sit well inside the 300-3400 Hz telephone band. */
const SEGMENTS: readonly { readonly frequencyHz: number; readonly durationMs: number }[] = [
  { frequencyHz: 1046.5, durationMs: 140 }, // C6 "beep"
  { frequencyHz: 0, durationMs: 20 }, // gap
  { frequencyHz: 784, durationMs: 140 }, // G5 "bop"
];

export const PROCESSING_CUE_FILE = 'processing-cue.wav';

/** The processing cue as a complete WAV file (RIFF header + little-endian 16-bit PCM samples). */
export function processingCueWav(): Buffer {
  const samples = SEGMENTS.flatMap(({ frequencyHz, durationMs }) => tone(frequencyHz, durationMs));
  return wavFile(samples);
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

function wavFile(samples: readonly number[]): Buffer {
  const dataBytes = samples.length * 2;
  const file = Buffer.alloc(44 + dataBytes);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + dataBytes, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16); // fmt chunk size
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(SAMPLE_RATE_HZ, 24);
  file.writeUInt32LE(SAMPLE_RATE_HZ * 2, 28); // byte rate
  file.writeUInt16LE(2, 32); // block align
  file.writeUInt16LE(16, 34); // bits per sample
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(dataBytes, 40);
  samples.forEach((sample, index) => {
    file.writeInt16LE(sample, 44 + index * 2);
  });
  return file;
}

if (require.main === module) {
  const outputPath = process.argv[2] ?? join(__dirname, PROCESSING_CUE_FILE);
  writeFileSync(outputPath, processingCueWav());
  console.log(`wrote ${outputPath}`);
}
