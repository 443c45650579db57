import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logPower, logPowerTolerance } from '../../daemon/features/ref/log-power.ts';
import { EDGE_LENGTHS, assertClose, rng, wasmKits } from './helpers/kernel-harness.ts';

const FLOOR = 1e-12;

/** Powers spread over 30 decades, with exact zeros. */
function powers(n: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 10 ** (-15 + 20 * r())));
}

test('floors zeros and keeps ln elsewhere', () => {
  const out = new Float32Array(3);
  logPower(Float32Array.from([0, 1, Math.E]), 3, FLOOR, out);
  assert.ok(Math.abs(out[0] - Math.log(FLOOR)) < 1e-5);
  assert.ok(Math.abs(out[1]) < 1e-7 && Math.abs(out[2] - 1) < 1e-6);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of [...EDGE_LENGTHS, 257]) {
      const p = powers(n, n + 5);
      const want = new Float32Array(n);
      logPower(p, n, FLOOR, want);
      const pp = k.put(p), out = k.alloc(n);
      k.wasm.logPower(pp, n, FLOOR, out);
      assertClose(k.read(out, n), want, logPowerTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
