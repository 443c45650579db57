import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import { speechLike } from './speech-like.ts';

// Kernels differ from their references by f32 rounding (declared per kernel); through the
// functionals that stays far below this. A voicing decision flipping in one frame would
// show up here first.
const REL = 5e-3;

test('wasm (SIMD and scalar) feature vectors match the TypeScript reference', async () => {
  const ref = await createFeatureExtractor({ backend: 'ref' });
  for (const backend of ['wasm', 'wasm-scalar'] as const) {
    const e = await createFeatureExtractor({ backend });
    for (const [seed, f0, seconds] of [[1, 110, 2], [2, 210, 1.5], [3, 160, 0.5]]) {
      const x = speechLike(seconds, f0, seed);
      const a = e.extract(x).values, b = ref.extract(x).values;
      for (let i = 0; i < a.length; i++) {
        const d = Math.abs(a[i] - b[i]) / (Math.abs(a[i]) + Math.abs(b[i]) + 1e-3);
        assert.ok(d <= REL, `${backend} f0=${f0}: ${e.names[i]} ${a[i]} vs ref ${b[i]}`);
      }
    }
  }
});

test.run();
