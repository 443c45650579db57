// Checks F0 and loudness against openSMILE 3.0.2 eGeMAPSv02 on EmoDB (research-only
// reference values, used here as a yardstick only): across 60 utterances, the per-file mean
// of our F0 (semitones re 27.5 Hz, voiced frames) and loudness must correlate with
// openSMILE's F0semitoneFrom27.5Hz_sma3nz_amean and loudness_sma3_amean at r >= 0.9.
// Skipped, visibly, where ../shared/datasets is absent.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import wavefile from 'wavefile';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';

const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const wavs = `${shared}datasets/emodb/wav/`;
const csv = `${shared}reference/opensmile-3.0.2/egemaps-v02-functionals-emodb.csv`;
const present = existsSync(wavs) && existsSync(csv);

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length, my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

(present ? test : test.skip)('EmoDB: mean F0 and loudness correlate with openSMILE at r >= 0.9 (60 files)', async () => {
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const head = lines[0].split(';');
  const iF0 = head.indexOf('F0semitoneFrom27.5Hz_sma3nz_amean'), iLoud = head.indexOf('loudness_sma3_amean');
  const ref = new Map(lines.slice(1).map((l) => {
    const c = l.split(';');
    return [c[0].replace(/'/g, ''), [Number(c[iF0]), Number(c[iLoud])]] as const;
  }));
  const files = readdirSync(wavs).filter((f) => f.endsWith('.wav')).sort();
  const picked = files.filter((_, i) => i % Math.floor(files.length / 60) === 0).slice(0, 60);
  const e = await createFeatureExtractor();
  const f0 = e.names.indexOf('f0_semitone_voiced_mean'), loud = e.names.indexOf('loudness_mean');
  const ours: number[][] = [[], []], theirs: number[][] = [[], []];
  for (const f of picked) {
    const w = new wavefile.WaveFile(readFileSync(wavs + f));
    w.toBitDepth('32f');
    const v = e.extract(w.getSamples(false, Float32Array) as unknown as Float32Array).values;
    const r = ref.get(f.replace(/\.wav$/, ''));
    assert.ok(r, `${f} missing from the reference`);
    ours[0].push(v[f0]);
    ours[1].push(v[loud]);
    theirs[0].push(r[0]);
    theirs[1].push(r[1]);
  }
  const rF0 = pearson(ours[0], theirs[0]), rLoud = pearson(ours[1], theirs[1]);
  console.log(`    EmoDB, ${picked.length} files: r(F0 semitone mean) = ${rF0.toFixed(4)}, r(loudness mean) = ${rLoud.toFixed(4)}`);
  assert.is(picked.length, 60);
  assert.ok(rF0 >= 0.9, `F0: r = ${rF0}`);
  assert.ok(rLoud >= 0.9, `loudness: r = ${rLoud}`);
});

test.run();
