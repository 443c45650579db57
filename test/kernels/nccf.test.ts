import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nccf, nccfTolerance } from '../../daemon/features/ref/nccf.ts';
import { EDGE_LENGTHS, assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('a sine of period 40: r(40) = 1, r(20) = -1; silence gives 0', () => {
  const x = Float32Array.from({ length: 400 }, (_, i) => Math.sin((2 * Math.PI * i) / 40 + 0.3));
  const r = new Float32Array(41);
  nccf(x, 0, 160, 0, 40, r);
  assert.ok(Math.abs(r[40] - 1) < 1e-9 && Math.abs(r[20] + 1) < 1e-9 && Math.abs(r[0] - 1) < 1e-9);
  const z = new Float32Array(41);
  assert.is(nccf(new Float32Array(400), 0, 160, 0, 40, z), 0);
  assert.ok(z.every((v) => v === 0));
});

test('WASM builds match the reference: edge window lengths, lag ranges of every remainder mod 4', async () => {
  const ranges = [[0, 0], [1, 3], [2, 6], [5, 12], [13, 147], [6, 74], [24, 35]];
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      for (const [lo, hi] of ranges) {
        const x = randomArray(n + hi + 1, 7 * n + hi);
        const want = new Float32Array(hi - lo + 1);
        const e0 = nccf(x, 0, n, lo, hi, want);
        const p = k.put(x), out = k.alloc(hi - lo + 1);
        const got = k.wasm.nccf(p, n, lo, hi, out);
        assert.ok(Math.abs(got - e0) <= 1e-5 * e0 + 1e-9, `${k.variant} n=${n} e0 ${got} vs ${e0}`);
        assertClose(k.read(out, hi - lo + 1), want, nccfTolerance, `${k.variant} n=${n} lags ${lo}-${hi}`);
        k.reset();
      }
    }
  }
});

test.run();
