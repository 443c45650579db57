import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loudness, loudnessTolerance } from '../../daemon/features/ref/loudness.ts';
import { EDGE_LENGTHS, assertNumberClose, rng, wasmKits } from './helpers/kernel-harness.ts';

test('sum of E^0.3; zero and negative bands add nothing', () => {
  assert.ok(Math.abs(loudness(Float32Array.from([1, 1, 1]), 3, 0.3) - 3) < 1e-12);
  assert.ok(Math.abs(loudness(Float32Array.from([1000, 0, -5]), 3, 0.3) - 1000 ** 0.3) < 1e-9);
  assert.is(loudness(new Float32Array(26), 26, 0.3), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const r = rng(n + 9);
      const mel = Float32Array.from({ length: n }, (_, i) => (i % 5 === 2 ? 0 : i % 11 === 4 ? -1 : 10 ** (-12 + 16 * r())));
      const p = k.put(mel);
      assertNumberClose(k.wasm.loudness(p, n, 0.3), loudness(mel, n, 0.3), loudnessTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
