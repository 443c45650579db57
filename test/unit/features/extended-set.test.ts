// The emotiond-extended-v1 set: names pinned (a model trained on them must keep getting
// them), values finite on every backend and on edge inputs, the backends in agreement, and
// the parts it is made of (eGeMAPS tail, log mel bands, rhythm) where they should be.
import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { EGEMAPS_NAMES } from '../../../daemon/features/egemaps/egemaps-names.ts';
import { createEgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import { createExtendedExtractor } from '../../../daemon/features/extended/extended-extractor.ts';
import { EXTENDED_NAMES, EXTENDED_SET_ID, LLD_PART_SIZE } from '../../../daemon/features/extended/extended-set.ts';
import { createAsyncSetExtractor, createSetExtractor, resolveFeatureSetId } from '../../../daemon/features/feature-sets.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import { speechLike } from './speech-like.ts';

// Update only together with a new feature set id.
const NAMES_SHA256 = '82c63ae4620f835a6f64de20d5ddd5f270b9e759100d3e65f030a32928ff1739';

test('names: 3008, unique, pinned, documented examples in place', () => {
  assert.is(EXTENDED_NAMES.length, 3008);
  assert.is(new Set(EXTENDED_NAMES).size, 3008);
  assert.is(EXTENDED_NAMES[0], 'loudness_mean');
  for (const n of ['mfcc3_delta_pct75', 'logmel25_uplevel90', 'log_energy_delta2_std', 'f0_semitone_voiced_iqr25_75',
    'voicing_linreg_err', 'syllable_rate', 'pause_ratio', 'egemaps_F0semitoneFrom27.5Hz_sma3nz_amean']) {
    assert.ok(EXTENDED_NAMES.includes(n), n);
  }
  assert.equal(EXTENDED_NAMES.slice(LLD_PART_SIZE), EGEMAPS_NAMES.map((n) => `egemaps_${n}`));
  assert.is(createHash('sha256').update(EXTENDED_NAMES.join('\n')).digest('hex'), NAMES_SHA256);
});

test('every backend: finite values; WASM builds agree with the reference', async () => {
  const x = speechLike(1.5, 160, 3);
  const values: Record<string, Float32Array> = {};
  for (const backend of ['ref', 'wasm', 'wasm-scalar'] as FeatureBackend[]) {
    const e = await createExtendedExtractor({ backend });
    values[backend] = e.extract(x).values;
    assert.is(values[backend].length, 3008);
    assert.ok(values[backend].every(Number.isFinite), backend);
  }
  for (const backend of ['wasm', 'wasm-scalar']) {
    let far = 0;
    values[backend].forEach((v, i) => {
      const r = values.ref[i];
      // Relative to the feature's own magnitude; a few order statistics may step by one frame.
      if (Math.abs(v - r) > 5e-3 * Math.max(1, Math.abs(r))) far++;
    });
    assert.ok(far <= 30, `${backend}: ${far} of 3008 features differ from the reference by more than 0.5%`);
  }
});

test('the eGeMAPS tail is the egemaps-v02 extractor\'s vector', async () => {
  const x = speechLike(1.0, 200, 4);
  const ext = (await createExtendedExtractor()).extract(x).values.subarray(LLD_PART_SIZE);
  const eg = (await createEgemapsExtractor()).extract(x).values;
  assert.equal([...ext], [...eg]);
});

test('edge inputs: empty, short, silent, NaN give finite values', async () => {
  const e = await createExtendedExtractor();
  for (const [name, x] of [
    ['empty', new Float32Array(0)], ['100 samples', speechLike(0.00625)], ['silence', new Float32Array(16000)],
    ['NaN', new Float32Array(8000).fill(NaN)], ['DC', new Float32Array(8000).fill(0.3)],
  ] as const) {
    const v = e.extract(x).values;
    assert.ok(v.every(Number.isFinite), name);
  }
  const silent = e.extract(new Float32Array(16000)).values;
  for (const n of ['voiced_ratio', 'syllable_rate', 'logmel3_uplevel50', 'f0_semitone_voiced_mean']) {
    assert.is(silent[EXTENDED_NAMES.indexOf(n)], 0, n);
  }
});

test('the signal shows: syllables of the speech-like signal counted, log mel bands ordered by its formant', async () => {
  const x = speechLike(3, 140, 1); // a 0.3 s syllable cycle: about 3.3 per second
  const v = (await createExtendedExtractor()).extract(x).values;
  const at = (n: string) => v[EXTENDED_NAMES.indexOf(n)];
  assert.ok(at('syllable_rate') > 2 && at('syllable_rate') < 4.5, `syllable_rate ${at('syllable_rate')}`);
  // Its 80 ms gaps are shorter than a pause (100 ms).
  assert.is(at('pause_ratio'), 0);
  // While it sounds, band 5 (about 550 Hz, at the first resonance) carries more energy than
  // band 9 (about 1.1 kHz, between the resonances) and band 20 (about 4.5 kHz, above them).
  for (const other of ['logmel9_pct80', 'logmel20_pct80']) {
    assert.ok(at('logmel5_pct80') > at(other) + 1.5, `logmel5_pct80 ${at('logmel5_pct80')} vs ${other} ${at(other)}`);
  }
});

test('registry: ids and aliases; the WebGPU backend refuses sets it cannot compute', async () => {
  assert.is(resolveFeatureSetId('extended'), EXTENDED_SET_ID);
  assert.is(resolveFeatureSetId('v1'), 'emotiond-v1');
  assert.throws(() => resolveFeatureSetId('compare'), (e: unknown) => e instanceof EmotiondError && e.code === 'USAGE');
  assert.is((await createSetExtractor('emotiond-extended-v1', 'ref')).names.length, 3008);
  try {
    await createAsyncSetExtractor('emotiond-extended-v1', 'webgpu');
    assert.unreachable('webgpu must refuse');
  } catch (err) {
    assert.instance(err, EmotiondError);
    assert.is((err as EmotiondError).code, 'FEATURES');
    assert.match((err as Error).message, /no WebGPU path/);
  }
  const auto = await createAsyncSetExtractor('emotiond-extended-v1', 'auto');
  assert.is(auto.backend, 'wasm');
  assert.is((await auto.extract(speechLike(0.5))).values.length, 3008);
});

test.run();
