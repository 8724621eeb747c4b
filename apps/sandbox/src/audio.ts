import { readFileSync } from 'node:fs';
import type { AudioResolver } from '@genagent-connect/connect-flow';

/** Playing time of a WAV file (PCM or µ-law), from its `fmt ` byte rate and the size of its `data` chunk. */
function wavDurationMs(wav: Buffer, source: string): number {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${source}: not a WAV file`);
  }
  let byteRate: number | undefined;
  // Chunks follow the 12-byte RIFF header: 4-byte id, 4-byte little-endian size, payload padded to an even length.
  for (let offset = 12; offset + 8 <= wav.length; ) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') byteRate = wav.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (!byteRate) throw new Error(`${source}: data chunk before a valid fmt chunk`);
      return Math.round((size / byteRate) * 1000);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${source}: no data chunk`);
}

/** Resolves the given URIs (prompt ids or S3 URIs) to the WAV files behind them; anything else is unknown. */
export function wavAudioResolver(filesByUri: Readonly<Record<string, string>>): AudioResolver {
  const durations = new Map(
    Object.entries(filesByUri).map(([uri, file]) => [uri, { durationMs: wavDurationMs(readFileSync(file), file) }]),
  );
  return (uri) => durations.get(uri);
}
