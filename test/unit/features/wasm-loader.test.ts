import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadFeatureWasm } from '../../../daemon/features/wasm-loader.ts';

test('both builds load, report their SIMD flag, and are separate instances', async () => {
  const simd = await loadFeatureWasm('simd');
  const scalar = await loadFeatureWasm('scalar');
  assert.is(simd.simdEnabled(), 1);
  assert.is(scalar.simdEnabled(), 0);
  const again = await loadFeatureWasm('simd');
  assert.is.not(again.memory, simd.memory);
});

test('the arena hands out aligned, zeroed blocks and grows memory', async () => {
  const w = await loadFeatureWasm('simd');
  const mark = w.arenaMark();
  const a = w.arenaAlloc(10);
  const b = w.arenaAlloc(4 << 20);
  assert.is(a % 16, 0);
  assert.is(b % 16, 0);
  assert.ok(b >= a + 16);
  assert.ok(w.memory.buffer.byteLength >= b + (4 << 20));
  assert.ok(new Uint8Array(w.memory.buffer, b, 4 << 20).every((v) => v === 0));
  w.arenaReset(mark);
  assert.is(w.arenaAlloc(10), a);
});

test.run();
