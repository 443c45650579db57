import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { zeroCrossingRate, zcrTolerance } from '../../daemon/features/ref/zcr.ts';
import { EDGE_LENGTHS, assertNumberClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('alternating signs give 1, a constant 0, fewer than 2 samples 0', () => {
  assert.is(zeroCrossingRate(Float32Array.from([1, -1, 1, -1, 1]), 5), 1);
  assert.is(zeroCrossingRate(new Float32Array(10).fill(-0.2), 10), 0);
  assert.is(zeroCrossingRate(Float32Array.from([1]), 1), 0);
  assert.is(zeroCrossingRate(Float32Array.from([0, -1, 0]), 3), 1);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const x = randomArray(n, 5 * n + 2);
      if (n > 8) x.fill(0, 2, 6);
      const p = k.put(x);
      assertNumberClose(k.wasm.zeroCrossingRate(p, n), zeroCrossingRate(x, n), zcrTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
