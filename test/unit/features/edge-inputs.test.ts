import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import type { FeatureExtractor } from '../../../daemon/core/types.ts';
import { speechLike } from './speech-like.ts';

const BACKENDS: FeatureBackend[] = ['wasm', 'wasm-scalar', 'ref'];
const SR = 16000;
const fill = (n: number, f: (i: number) => number): Float32Array => Float32Array.from({ length: n }, (_, i) => f(i));

const EDGE: Record<string, Float32Array> = {
  'no samples': new Float32Array(0),
  '1 sample': Float32Array.from([0.5]),
  '10 samples': fill(10, (i) => Math.sin(i)),
  '399 samples': speechLike(399 / SR),
  '50 ms': speechLike(0.05),
  'silence 1 s': new Float32Array(SR),
  'DC offset 1 s': new Float32Array(SR).fill(0.3),
  'DC offset + speech': speechLike(1).map((v) => v - 0.4),
  'clipped speech': speechLike(1).map((v) => Math.max(-0.05, Math.min(0.05, 20 * v))),
  'full-scale square wave': fill(SR, (i) => (Math.floor(i / 40) % 2 ? 1 : -1)),
  'NaN and Inf': speechLike(1).map((v, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : i % 83 === 0 ? -Infinity : v)),
  'all NaN': new Float32Array(SR).fill(NaN),
  'huge values': fill(SR, (i) => (i % 2 ? 3e38 : -3e38)),
  'denormals': fill(SR, (i) => (i % 2 ? 1e-40 : -1e-40)),
};

const extractors = Promise.all(BACKENDS.map((backend) => createFeatureExtractor({ backend })));
const value = (e: FeatureExtractor, x: Float32Array, name: string): number => e.extract(x).values[e.names.indexOf(name)];

test('no input gives a NaN, an Inf, or a throw, on any backend', async () => {
  for (const [i, e] of (await extractors).entries()) {
    for (const [name, x] of Object.entries(EDGE)) {
      const v = e.extract(x).values;
      const bad = v.findIndex((q) => !Number.isFinite(q));
      assert.ok(bad < 0, `${BACKENDS[i]} ${name}: ${e.names[bad]} = ${v[bad]}`);
      assert.is(v.length, e.names.length);
    }
  }
});

test('no samples: every feature is 0', async () => {
  for (const e of await extractors) assert.ok(e.extract(new Float32Array(0)).values.every((v) => v === 0));
});

test('silence and a DC offset: documented values (log energy -100 dB, pitch and loudness 0)', async () => {
  for (const e of await extractors) {
    for (const x of [EDGE['silence 1 s'], EDGE['DC offset 1 s'], EDGE['all NaN']]) {
      assert.is(value(e, x, 'loudness_mean'), 0);
      assert.ok(Math.abs(value(e, x, 'log_energy_mean') + 100) < 1e-3);
      assert.is(value(e, x, 'f0_semitone_voiced_mean'), 0);
      assert.is(value(e, x, 'f0_semitone_voiced_pct80'), 0);
      assert.is(value(e, x, 'hnr_db_voiced_max'), 0);
      assert.is(value(e, x, 'voiced_ratio'), 0);
      assert.is(value(e, x, 'spectral_centroid_mean'), 0);
      assert.is(value(e, x, 'spectral_flux_max'), 0);
    }
  }
});

test('a DC offset does not change speech features much', async () => {
  const [e] = await extractors;
  const a = e.extract(speechLike(1)).values, b = e.extract(EDGE['DC offset + speech']).values;
  for (const n of ['f0_semitone_voiced_mean', 'loudness_mean', 'mfcc1_mean', 'voiced_ratio']) {
    const i = e.names.indexOf(n);
    assert.ok(Math.abs(a[i] - b[i]) <= 0.05 * Math.abs(a[i]) + 0.05, `${n}: ${a[i]} vs ${b[i]}`);
  }
});

test.run();
