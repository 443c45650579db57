import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { specEnhance, specEnhanceTolerance } from '../../daemon/features/ref/spec-enhance.ts';
import { assertClose, EDGE_LENGTHS, rng, wasmKits } from './helpers/kernel-harness.ts';

test('bins more than 2 away from peaks are zeroed, then [1 2 1]/4 smoothing', () => {
  // Peaks at 2 and 10; 5..7 lie more than 2 bins from both.
  const a = Float32Array.from([0, 1, 4, 3, 2, 1, 1, 1, 2, 3, 4, 1]);
  specEnhance(a, a.length);
  const zeroed = [0, 1, 4, 3, 2, 0, 0, 0, 2, 3, 4, 1];
  const want = zeroed.map((v, i) => (i === zeroed.length - 1 ? v : ((i ? zeroed[i - 1] : 0) + 2 * v + zeroed[i + 1]) / 4));
  assert.equal([...a], want);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of [...EDGE_LENGTHS, 513]) {
      const r = rng(n + 3);
      // Peaky, like a harmonic magnitude spectrum: a comb plus noise.
      const a = Float32Array.from({ length: n }, (_, i) => Math.max(0, Math.cos((2 * Math.PI * i) / 13)) ** 4 + 0.05 * r());
      const want = a.slice();
      specEnhance(want, n);
      const p = k.put(a);
      k.wasm.specEnhance(p, n);
      assertClose(k.read(p, n), want, specEnhanceTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
