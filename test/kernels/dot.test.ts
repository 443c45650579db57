import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dot, dotTolerance } from '../../daemon/features/ref/dot.ts';
import { assertNumberClose, EDGE_LENGTHS, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('dot product of two runs of one array', () => {
  const x = Float32Array.from([1, 2, 3, 4]);
  assert.is(dot(x, 0, 2, 2), 1 * 3 + 2 * 4);
  assert.is(dot(x, 1, 1, 0), 0);
});

test('WASM builds match the reference at edge lengths and offsets', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const x = randomArray(n + 7, n + 11), px = k.put(x);
      for (const [a, b] of [[0, 0], [0, 7], [3, 1]]) {
        const want = dot(x, a, b, n);
        const tol = { ...dotTolerance, abs: dotTolerance.abs * Math.max(1, n) };
        assertNumberClose(k.wasm.dot(px + 4 * a, px + 4 * b, n), want, tol, `${k.variant} n=${n} ${a}/${b}`);
      }
      k.reset();
    }
  }
});

test.run();
