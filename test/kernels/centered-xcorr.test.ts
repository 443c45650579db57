import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { centeredXcorr, centeredXcorrTolerance } from '../../daemon/features/ref/centered-xcorr.ts';
import { assertNumberClose, EDGE_LENGTHS, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('a periodic signal correlates 1 with itself one period later, offsets do not matter', () => {
  const x = Float32Array.from({ length: 200 }, (_, i) => 5 + Math.sin((2 * Math.PI * i) / 40));
  assert.ok(Math.abs(centeredXcorr(x, 0, 40, 40) - 1) < 1e-9);
  assert.ok(Math.abs(centeredXcorr(x, 0, 20, 40) + 1) < 1e-9);
  assert.is(centeredXcorr(new Float32Array(10).fill(3), 0, 5, 5), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      // A pitch-like signal plus noise and an offset, so correlations span [-1, 1].
      const noise = randomArray(2 * n + 9, n + 5);
      const x = noise.map((v, i) => 0.3 + Math.sin((2 * Math.PI * i) / 37) + 0.5 * v);
      const px = k.put(x);
      for (const b of [n, n + 9, 0]) {
        const want = centeredXcorr(x, 0, b, n);
        assertNumberClose(k.wasm.centeredXcorr(px, px + 4 * b, n), want, centeredXcorrTolerance, `${k.variant} n=${n} b=${b}`);
      }
      k.reset();
    }
  }
});

test.run();
