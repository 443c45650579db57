import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sanitize, sanitizeTolerance } from '../../daemon/features/ref/sanitize.ts';
import { EDGE_LENGTHS, assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const LIMIT = 1e6;

function poisoned(n: number, seed: number): Float32Array {
  const x = randomArray(n, seed, -2, 2);
  const bad = [NaN, Infinity, -Infinity, 3e38, -3e38, 1e7];
  for (let i = 0; i < n; i += 3) x[i] = bad[(i / 3) % bad.length];
  return x;
}

test('NaN and Inf become 0, huge values are clamped, the rest is untouched', () => {
  const x = Float32Array.from([NaN, Infinity, -Infinity, 2e6, -2e6, 0.5, -1]);
  sanitize(x, LIMIT);
  assert.equal([...x], [0, 0, 0, LIMIT, -LIMIT, 0.5, -1]);
});

test('WASM builds match the reference exactly at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const x = poisoned(n, n + 1);
      const want = x.slice();
      sanitize(want, LIMIT);
      const p = k.put(x);
      k.wasm.sanitize(p, n, LIMIT);
      assertClose(k.read(p, n), want, sanitizeTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test('WASM leaves samples past n alone', async () => {
  for (const k of await wasmKits()) {
    const p = k.put(Float32Array.from([NaN, NaN, NaN, NaN, NaN, NaN]));
    k.wasm.sanitize(p, 5, LIMIT);
    const out = k.read(p, 6);
    assert.equal([...out.subarray(0, 5)], [0, 0, 0, 0, 0]);
    assert.ok(Number.isNaN(out[5]), k.variant);
    k.reset();
  }
});

test.run();
