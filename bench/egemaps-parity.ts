// Parity of our eGeMAPSv02 with openSMILE 3.0.2 on EmoDB: extracts the 88 features of every
// file (or every k-th with --every k) and prints, per feature, the Pearson r across files
// with openSMILE's value, then the count at r >= 0.90 and the key means. The reference CSV is
// read at run time from ../shared/reference; nothing from it is stored here.
// With --llds it also compares, frame by frame, the 25 smoothed LLDs of the five files whose
// openSMILE LLDs are in the reference (voiced frames only for the _sma3nz ones).
// Usage: npx tsx bench/egemaps-parity.ts [--backend wasm|wasm-scalar|ref] [--every k] [--markdown] [--llds]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { createEgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { EGEMAPS_LLDS, SMA3_LLDS } from '../daemon/features/egemaps/egemaps-llds.ts';
import { sma3, sma3nz } from '../daemon/features/egemaps/smoothing.ts';
import { EMODB_WAV, SHARED, pearson, readReference, referencePresent } from './opensmile-csv.ts';

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

const LLD_CSV = `${SHARED}reference/opensmile-3.0.2/egemaps-v02-lld-emodb-5files.csv`;
if (process.argv.includes('--llds') && existsSync(LLD_CSV)) {
  const lines = readFileSync(LLD_CSV, 'utf8').trim().split('\n');
  const byFile = new Map<string, number[][]>();
  for (const l of lines.slice(1)) {
    const c = l.split(';'), f = c[0].replace(/'/g, '');
    byFile.set(f, [...(byFile.get(f) ?? []), c.slice(2).map(Number)]);
  }
  const a = EGEMAPS_LLDS.map((): number[] => []), b = EGEMAPS_LLDS.map((): number[] => []);
  for (const [file, rows] of byFile) {
    const l = extractor.llds((await decodeAudioFile(`${EMODB_WAV}${file}.wav`)).samples);
    EGEMAPS_LLDS.forEach((name, i) => {
      const sm = i < SMA3_LLDS ? sma3(l.raw[name]) : sma3nz(l.raw[name]);
      for (let f = 0; f < Math.min(rows.length, l.frames); f++) {
        if (i >= SMA3_LLDS && (rows[f][i] === 0 || sm[f] === 0)) continue;
        a[i].push(sm[f]);
        b[i].push(rows[f][i]);
      }
    });
  }
  console.log(`\nFrame level, ${byFile.size} files:\n\n| LLD | frames | r | mean abs. difference |\n|---|---:|---:|---:|`);
  EGEMAPS_LLDS.forEach((name, i) => {
    const mad = a[i].reduce((s, v, k) => s + Math.abs(v - b[i][k]), 0) / a[i].length;
    console.log(`| \`${name}_${i < SMA3_LLDS ? 'sma3' : 'sma3nz'}\` | ${a[i].length} | ${pearson(a[i], b[i]).toFixed(4)} | ${mad.toPrecision(2)} |`);
  });
}
