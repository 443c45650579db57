// Parity of our eGeMAPSv02 with openSMILE 3.0.2 on EmoDB: extracts the 88 features of every
// file (or every k-th with --every k) and prints, per feature, the Pearson r across files
// with openSMILE's value, then the count at r >= 0.90 and the key means. The reference CSV is
// read at run time from ../shared/reference; nothing from it is stored here.
// Usage: npx tsx bench/egemaps-parity.ts [--backend wasm|wasm-scalar|ref] [--every k] [--markdown]
import { readdirSync } from 'node:fs';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { createEgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { EMODB_WAV, pearson, readReference, referencePresent } from './opensmile-csv.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const backend = arg('backend', 'wasm') as FeatureBackend, every = Number(arg('every', '1'));
const markdown = process.argv.includes('--markdown');

if (!referencePresent()) {
  console.error('egemaps-parity: ../shared/datasets/emodb or the openSMILE reference CSV is absent; nothing to compare');
  process.exit(2);
}
const ref = readReference();
const files = readdirSync(EMODB_WAV).filter((f) => f.endsWith('.wav')).sort().filter((_, i) => i % every === 0);
const extractor = await createEgemapsExtractor({ backend });
const ours: Float32Array[] = [], theirs: Float64Array[] = [];
const t0 = performance.now();
for (const f of files) {
  const row = ref.rows.get(f.replace(/\.wav$/, ''));
  if (!row) continue;
  ours.push(extractor.extract((await decodeAudioFile(EMODB_WAV + f)).samples).values);
  theirs.push(row);
}
const seconds = (performance.now() - t0) / 1000;
const names = extractor.names;
const r = names.map((name, j) => {
  const k = ref.names.indexOf(name);
  return k < 0 ? NaN : pearson(ours.map((v) => v[j]), theirs.map((v) => v[k]));
});
const fmt = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
const ok = r.filter((x) => x >= 0.9).length;
const keyMeans = ['F0semitoneFrom27.5Hz_sma3nz_amean', 'loudness_sma3_amean', 'mfcc1_sma3_amean', 'mfcc2_sma3_amean',
  'mfcc3_sma3_amean', 'mfcc4_sma3_amean'];
if (markdown) {
  console.log('| # | feature | r |\n|---:|---|---:|');
  names.forEach((n, j) => console.log(`| ${j + 1} | \`${n}\` | ${fmt(r[j])}${r[j] < 0.9 ? ' *' : ''} |`));
} else names.forEach((n, j) => console.log(`${String(j + 1).padStart(2)} ${n.padEnd(46)} ${fmt(r[j])}${r[j] < 0.9 ? '  <' : ''}`));
console.log(`\n${ours.length} EmoDB files, backend ${extractor.backend}, ${seconds.toFixed(1)} s`);
console.log(`${ok} of ${names.length} features at r >= 0.90`);
console.log(keyMeans.map((n) => `${n}: r = ${fmt(r[names.indexOf(n)])}`).join('\n'));
