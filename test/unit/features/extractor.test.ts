import { createHash } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import { FEATURE_SET_V1, featureNames } from '../../../daemon/features/feature-set.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import { speechLike } from './speech-like.ts';

// Changing the names breaks every trained model: this pins them. Update it only together
// with a new feature set id.
const NAMES_SHA256 = '6d3737e82b2106f96e979dfb870a9af214c0ace3a4b68c157ad1c72a61eeb153';

test('names: 602, unique, stable, documented examples present', async () => {
  const e = await createFeatureExtractor({ backend: 'ref' });
  assert.is(e.names.length, 602);
  assert.is(new Set(e.names).size, 602);
  assert.equal([...e.names], featureNames(FEATURE_SET_V1));
  for (const n of ['loudness_mean', 'mfcc3_mean', 'mfcc3_delta_std', 'f0_semitone_voiced_pct80',
    'hnr_db_voiced_mean', 'spectral_flux_linreg_slope', 'voiced_segments_per_s']) {
    assert.ok(e.names.includes(n), n);
  }
  assert.is(e.names[0], 'loudness_mean');
  assert.is(e.names[601], 'voiced_segments_per_s');
  const sha = createHash('sha256').update(e.names.join('\n')).digest('hex');
  assert.is(sha, NAMES_SHA256);
});

test('every backend: same names, values as long as names, finite', async () => {
  const x = speechLike(1.2);
  for (const backend of ['wasm', 'wasm-scalar', 'ref'] as FeatureBackend[]) {
    const e = await createFeatureExtractor({ backend });
    const v = e.extract(x);
    assert.is(v.names, e.names);
    assert.is(v.values.length, e.names.length);
    assert.ok(v.values.every(Number.isFinite), backend);
  }
});

test('the vector describes the signal: F0 near the synthetic 140 Hz, voiced ratio plausible', async () => {
  const e = await createFeatureExtractor();
  const v = e.extract(speechLike(3, 140));
  const get = (n: string): number => v.values[e.names.indexOf(n)];
  const st = 12 * Math.log2(140 / 27.5);
  assert.ok(Math.abs(get('f0_semitone_voiced_pct50') - st) < 1, `median F0 ${get('f0_semitone_voiced_pct50')} st`);
  assert.ok(get('voiced_ratio') > 0.4 && get('voiced_ratio') < 0.8, `voiced ratio ${get('voiced_ratio')}`);
  assert.ok(Math.abs(get('voiced_segments_per_s') - 1 / 0.3) < 0.7, `segments/s ${get('voiced_segments_per_s')}`);
});

test('an unknown backend is a FEATURES error', async () => {
  try {
    await createFeatureExtractor({ backend: 'gpu' as FeatureBackend });
    assert.unreachable('should throw');
  } catch (err) {
    assert.instance(err, EmotiondError);
    assert.is((err as EmotiondError).code, 'FEATURES');
  }
});

test.run();
