// The emotiond-extended-v2 set: names pinned, emotiond-extended-v1's 3008 first with the same
// values bit for bit (on every backend), the added groups finite on edge inputs and in
// agreement across backends, and what each added group measures shows on signals made for it.
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { createExtendedExtractor } from '../../../daemon/features/extended/extended-extractor.ts';
import { EXTENDED_NAMES } from '../../../daemon/features/extended/extended-set.ts';
import { EXTRA_GROUPS } from '../../../daemon/features/extended2/contour-extras.ts';
import { createExtended2Extractor } from '../../../daemon/features/extended2/extended2-extractor.ts';
import { EXTENDED2_GROUP_IDS, EXTENDED2_NAMES, EXTENDED2_SET_ID } from '../../../daemon/features/extended2/extended2-set.ts';
import { createAsyncSetExtractor, createSetExtractor, resolveFeatureSetId } from '../../../daemon/features/feature-sets.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import { lldMatrix } from '../../../daemon/features/lld-pipeline.ts';
import { speechLike } from './speech-like.ts';

// Update only together with a new feature set id.
const COUNT = 3507;
const NAMES_SHA256 = 'b158d73db9fe1f355018316d52a4387b5b502b8d40b0cf0da7e6472f16a1ad51';

const BACKENDS: FeatureBackend[] = ['ref', 'wasm', 'wasm-scalar'];

test('names: v1\'s 3008 first, then the groups; unique, pinned', () => {
  assert.is(EXTENDED2_NAMES.length, COUNT);
  assert.is(new Set(EXTENDED2_NAMES).size, COUNT);
  assert.equal(EXTENDED2_NAMES.slice(0, 3008), [...EXTENDED_NAMES]);
  const groups = EXTENDED2_GROUP_IDS.map((id) => EXTRA_GROUPS.find((g) => g.id === id)!);
  assert.equal(EXTENDED2_NAMES.slice(3008), groups.flatMap((g) => [...g.names]));
  assert.is(createHash('sha256').update(EXTENDED2_NAMES.join('\n')).digest('hex'), NAMES_SHA256);
});

test('every backend: the first 3008 values are emotiond-extended-v1\'s, bit for bit; the rest finite and in agreement', async () => {
  const x = speechLike(1.5, 160, 3);
  const values: Record<string, Float32Array> = {};
  for (const backend of BACKENDS) {
    const v2 = (await createExtended2Extractor({ backend })).extract(x).values;
    const v1 = (await createExtendedExtractor({ backend })).extract(x).values;
    assert.is(v2.length, COUNT);
    for (let i = 0; i < 3008; i++) if (!Object.is(v1[i], v2[i])) assert.unreachable(`${backend}: ${EXTENDED_NAMES[i]} ${v2[i]} vs ${v1[i]}`);
    assert.ok(v2.every(Number.isFinite), backend);
    values[backend] = v2;
  }
  for (const backend of ['wasm', 'wasm-scalar']) {
    const far: string[] = [];
    for (let i = 3008; i < COUNT; i++) {
      const v = values[backend][i], r = values.ref[i];
      if (Math.abs(v - r) > 5e-3 * Math.max(1, Math.abs(r))) far.push(EXTENDED2_NAMES[i]);
    }
    assert.ok(far.length <= 10, `${backend}: ${far.length} added features differ from the reference by more than 0.5%: ${far.slice(0, 10).join(', ')}`);
  }
});

test('edge inputs: empty, short, silent, NaN, DC give finite values; silence gives 0 for shape, peaks, correlations', async () => {
  const e = await createExtended2Extractor();
  for (const [name, x] of [
    ['empty', new Float32Array(0)], ['1 sample', new Float32Array([0.5])], ['100 samples', speechLike(0.00625)],
    ['silence', new Float32Array(16000)], ['NaN', new Float32Array(8000).fill(NaN)], ['DC', new Float32Array(8000).fill(0.3)],
  ] as const) {
    const v = e.extract(x).values;
    assert.is(v.length, COUNT);
    assert.ok(v.every(Number.isFinite), name);
  }
  const silent = e.extract(new Float32Array(16000)).values;
  const at = (n: string) => {
    const i = EXTENDED2_NAMES.indexOf(n);
    return i < 0 ? 0 : silent[i];
  };
  for (const n of ['spectral_spread_mean', 'spectral_sharpness_max', 'loudness_peak_rate', 'corr_f0_semitone_loudness_voiced',
    'f0_semitone_voiced_third2_mean', 'loudness_mod_3_6hz']) {
    assert.is(at(n), 0, n);
  }
});

test('the signal shows: syllable rhythm in the loudness modulation and peaks; a low tone in the low band', async () => {
  const e = await createExtended2Extractor();
  const v = e.extract(speechLike(3, 140, 1)).values; // syllables every 0.3 s: 3.3 Hz
  const at = (n: string) => v[EXTENDED2_NAMES.indexOf(n)];
  if (EXTENDED2_NAMES.includes('loudness_mod_3_6hz')) {
    assert.ok(at('loudness_mod_3_6hz') > at('loudness_mod_6_10hz') && at('loudness_mod_3_6hz') > at('loudness_mod_10_16hz'), `mod ${at('loudness_mod_3_6hz')}`);
  }
  if (EXTENDED2_NAMES.includes('loudness_peak_rate')) {
    assert.ok(at('loudness_peak_rate') > 2.8 && at('loudness_peak_rate') < 3.8, `loudness_peak_rate ${at('loudness_peak_rate')}`);
    assert.ok(Math.abs(at('loudness_peak_dist_mean_s') - 0.3) < 0.03, `loudness_peak_dist_mean_s ${at('loudness_peak_dist_mean_s')}`);
  }
  if (EXTENDED2_NAMES.includes('band_energy_250_650_mean')) {
    const tone = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 400 * i) / 16000));
    const t = e.extract(tone).values, tn = (n: string) => t[EXTENDED2_NAMES.indexOf(n)];
    assert.ok(tn('band_energy_250_650_mean') > tn('band_energy_1k_4k_mean') + 30, 'a 400 Hz tone: low band');
    assert.ok(tn('spectral_spread_mean') < 600, `spread ${tn('spectral_spread_mean')}`);
  }
});

test('group functions on made contours: thirds, quadratic curvature, correlations', () => {
  const n = 300;
  const names = ['loudness', 'log_energy', 'zcr', ...Array.from({ length: 14 }, (_, i) => `mfcc${i}`),
    ...['centroid', 'rolloff85', 'flatness', 'entropy', 'slope', 'flux'].map((s) => `spectral_${s}`), 'f0_semitone', 'hnr_db', 'voiced',
    ...Array.from({ length: 26 }, (_, i) => `logmel${i}`),
    'spectral_spread', 'spectral_skewness', 'spectral_kurtosis', 'band_energy_250_650', 'band_energy_1k_4k', 'spectral_sharpness'];
  const data = new Float32Array(names.length * n);
  const col = (name: string) => data.subarray(names.indexOf(name) * n, (names.indexOf(name) + 1) * n);
  col('loudness').set(Float32Array.from({ length: n }, (_, i) => ((i - 150) / 150) ** 2)); // a parabola
  col('log_energy').set(Float32Array.from({ length: n }, (_, i) => i)); // a ramp
  col('voiced').fill(1);
  col('f0_semitone').set(Float32Array.from({ length: n }, (_, i) => 40 + 0.01 * i));
  col('hnr_db').set(Float32Array.from({ length: n }, (_, i) => 10 - 0.02 * i));
  const m = lldMatrix(names, n, data);
  const values = (id: string) => {
    const g = EXTRA_GROUPS.find((x) => x.id === id)!;
    const out = new Float32Array(g.names.length);
    assert.is(g.compute(m, out, 0), g.names.length, id);
    return (name: string) => out[g.names.indexOf(name)];
  };
  const th = values('thirds');
  assert.is(th('log_energy_third1_mean'), 49.5);
  assert.is(th('log_energy_third3_mean'), 249.5);
  const q = values('qreg');
  // ((i - 150) / 150)^2 with i = 299 t: (299 / 150)^2 t^2 + ..., no residual.
  assert.ok(Math.abs(q('loudness_qreg_curvature') - (299 / 150) ** 2) < 1e-3, `curvature ${q('loudness_qreg_curvature')}`);
  assert.ok(q('loudness_qreg_err') < 1e-6);
  assert.ok(Math.abs(q('log_energy_qreg_curvature')) < 1e-3);
  const c = values('corr');
  assert.ok(Math.abs(c('corr_f0_semitone_hnr_db_voiced') + 1) < 1e-6);
});

test('registry: id and alias; the WebGPU backend is refused; auto takes WASM', async () => {
  assert.is(resolveFeatureSetId('extended2'), EXTENDED2_SET_ID);
  assert.is(EXTENDED2_SET_ID, 'emotiond-extended-v2');
  assert.is((await createSetExtractor('emotiond-extended-v2', 'ref')).names.length, COUNT);
  try {
    await createAsyncSetExtractor('emotiond-extended-v2', 'webgpu');
    assert.unreachable('webgpu must refuse');
  } catch (err) {
    assert.instance(err, EmotiondError);
    assert.is((err as EmotiondError).code, 'FEATURES');
  }
  const auto = await createAsyncSetExtractor('emotiond-extended-v2', 'auto');
  assert.is(auto.backend, 'wasm');
  assert.is((await auto.extract(speechLike(0.5))).values.length, COUNT);
});

test.run();
