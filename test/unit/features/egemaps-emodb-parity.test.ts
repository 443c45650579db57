// Regression floor for eGeMAPSv02 parity with openSMILE 3.0.2 on EmoDB (reference output read
// at run time from ../shared/reference; skipped, visibly, where it or the corpus is absent):
//   - functionals, 60 files (every 9th): at least 86 of 88 features at Pearson r >= 0.90 and
//     r >= 0.99 for the means of F0, loudness and MFCC 1-4 (all 535 files: 88 of 88, see
//     docs/egemaps-parity.md);
//   - frame level, the 5 files with reference LLDs: every smoothed LLD at r >= 0.99 (formant
//     frequencies and bandwidths >= 0.95), voiced frames only for the _sma3nz ones.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EMODB_WAV, EGEMAPS_CSV, SHARED, pearson, readReference } from '../../../bench/opensmile-csv.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import { createEgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import { EGEMAPS_LLDS, SMA3_LLDS } from '../../../daemon/features/egemaps/egemaps-llds.ts';
import { sma3, sma3nz } from '../../../daemon/features/egemaps/smoothing.ts';

const LLD_CSV = `${SHARED}reference/opensmile-3.0.2/egemaps-v02-lld-emodb-5files.csv`;
const present = existsSync(EMODB_WAV) && existsSync(EGEMAPS_CSV);
if (!present) console.log('    skipped: ../shared/datasets/emodb or the openSMILE reference output is absent');
const run = present ? test : test.skip;
const KEY = ['F0semitoneFrom27.5Hz_sma3nz_amean', 'loudness_sma3_amean', 'mfcc1_sma3_amean', 'mfcc2_sma3_amean',
  'mfcc3_sma3_amean', 'mfcc4_sma3_amean'];

run('EmoDB, 60 files: >= 86 of 88 functionals at r >= 0.90; F0, loudness, MFCC means at r >= 0.99', async () => {
  const ref = readReference(), e = await createEgemapsExtractor();
  const files = readdirSync(EMODB_WAV).filter((f) => f.endsWith('.wav')).sort().filter((_, i) => i % 9 === 0).slice(0, 60);
  const ours: Float32Array[] = [], theirs: Float64Array[] = [];
  for (const f of files) {
    ours.push(e.extract((await decodeAudioFile(EMODB_WAV + f)).samples).values);
    theirs.push(ref.rows.get(f.replace(/\.wav$/, ''))!);
  }
  const r = e.names.map((n, j) => pearson(ours.map((v) => v[j]), theirs.map((v) => v[ref.names.indexOf(n)])));
  const ok = r.filter((x) => x >= 0.9).length;
  console.log(`    ${files.length} files: ${ok} of 88 at r >= 0.90; lowest ${Math.min(...r).toFixed(3)}`);
  assert.is(files.length, 60);
  assert.ok(ok >= 86, e.names.filter((_, j) => r[j] < 0.9).map((n) => `${n}: ${r[e.names.indexOf(n)].toFixed(3)}`).join(', '));
  for (const n of KEY) assert.ok(r[e.names.indexOf(n)] >= 0.99, `${n}: r = ${r[e.names.indexOf(n)]}`);
});

(present && existsSync(LLD_CSV) ? test : test.skip)('EmoDB, 5 files: frame-level LLDs track openSMILE', async () => {
  const lines = readFileSync(LLD_CSV, 'utf8').trim().split('\n');
  const byFile = new Map<string, number[][]>();
  for (const l of lines.slice(1)) {
    const c = l.split(';'), f = c[0].replace(/'/g, '');
    byFile.set(f, [...(byFile.get(f) ?? []), c.slice(2).map(Number)]);
  }
  const e = await createEgemapsExtractor(), a = EGEMAPS_LLDS.map((): number[] => []), b = EGEMAPS_LLDS.map((): number[] => []);
  for (const [file, rows] of byFile) {
    const l = e.llds((await decodeAudioFile(`${EMODB_WAV}${file}.wav`)).samples);
    assert.is(l.frames, rows.length, `${file}: frame count`);
    EGEMAPS_LLDS.forEach((name, i) => {
      const s = i < SMA3_LLDS ? sma3(l.raw[name]) : sma3nz(l.raw[name]);
      for (let f = 0; f < rows.length; f++) {
        if (i >= SMA3_LLDS && (rows[f][i] === 0 || s[f] === 0)) continue;
        a[i].push(s[f]);
        b[i].push(rows[f][i]);
      }
    });
  }
  EGEMAPS_LLDS.forEach((name, i) => {
    const r = pearson(a[i], b[i]), floor = /^F\d(frequency|bandwidth)$/.test(name) ? 0.95 : 0.99;
    assert.ok(r >= floor, `${name}: r = ${r.toFixed(4)} over ${a[i].length} frames`);
  });
});

test.run();
