import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { meanSquare, meanSquareTolerance } from '../../daemon/features/ref/energy.ts';
import { EDGE_LENGTHS, assertNumberClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('a sine of amplitude A over whole periods has mean square A^2/2; empty is 0', () => {
  const x = Float32Array.from({ length: 400 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 4 * i) / 400));
  assert.ok(Math.abs(meanSquare(x, 400) - 0.125) < 1e-6);
  assert.is(meanSquare(x, 0), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const x = randomArray(n, 31 * n + 1);
      const p = k.put(x);
      assertNumberClose(k.wasm.meanSquare(p, n), meanSquare(x, n), meanSquareTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
