// Streaming vs batch feature extraction on every EmoDB recording (../shared/datasets): each
// file is pushed into the set's stream() in pieces of seeded random sizes (1 sample to about
// 0.6 s, and 512-sample capture frames), with a snapshot partway, then ended; the vector must
// equal extract() of the whole file bit for bit (Object.is on every value). Prints how many
// files are identical, and what a segment's end costs: end() (the last frames and the
// functionals) against extract() of the whole segment, the work the daemon did per segment
// before it streamed.
// Usage: npx tsx bench/stream-parity.ts [set=extended] [backend=wasm] [files=all]
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import type { FeatureExtractor } from '../daemon/core/types.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { createSetExtractor, resolveFeatureSetId } from '../daemon/features/feature-sets.ts';
import { EMODB_WAV } from './opensmile-csv.ts';

const set = resolveFeatureSetId(process.argv[2] ?? 'extended');
const backend = (process.argv[3] ?? 'wasm') as FeatureBackend;
const limit = Number(process.argv[4] ?? Infinity);
if (!existsSync(EMODB_WAV)) {
  console.log(`skipped: ${EMODB_WAV} is absent`);
  process.exit(0);
}

const batch: FeatureExtractor = await createSetExtractor(set, backend);
const stream = (await createSetExtractor(set, backend)).stream!();
const files = readdirSync(EMODB_WAV).filter((f) => f.endsWith('.wav')).sort().slice(0, limit);

let identical = 0, seconds = 0, endMs = 0, extractMs = 0, pieces = 0;
const differing: string[] = [];
for (const [i, f] of files.entries()) {
  const x = (await decodeAudioFile(EMODB_WAV + f)).samples;
  let r = (i + 1) * 2654435761 >>> 0;
  const snapAt = Math.floor(x.length * 0.6);
  let snapped = false;
  for (let at = 0; at < x.length;) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    const len = [1, 1 + (r >>> 8) % 16, 512, 1 + (r >>> 8) % 10000][r % 4];
    stream.push(x.subarray(at, at + len));
    pieces++;
    at += len;
    if (!snapped && at >= snapAt) {
      stream.snapshot();
      snapped = true;
    }
  }
  let t0 = performance.now();
  const got = stream.end();
  endMs += performance.now() - t0;
  t0 = performance.now();
  const want = batch.extract(x);
  extractMs += performance.now() - t0;
  seconds += x.length / 16000;
  const same = want.values.length === got.values.length && want.values.every((v, k) => Object.is(v, got.values[k]));
  if (same) identical++;
  else differing.push(f);
}

console.log(`${set}, backend ${backend}, ${files.length} EmoDB files (${seconds.toFixed(0)} s of audio, ${pieces} pushes), ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
console.log(`identical bit for bit: ${identical} of ${files.length}${differing.length ? `; differing: ${differing.slice(0, 10).join(', ')}` : ''}`);
console.log(`per segment (mean over the files, ${(seconds / files.length).toFixed(2)} s each): end() of the stream ${(endMs / files.length).toFixed(2)} ms, extract() of the whole segment ${(extractMs / files.length).toFixed(2)} ms`);
process.exit(identical === files.length ? 0 : 1);
