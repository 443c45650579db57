import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dcBlock, dcBlockTolerance } from '../../daemon/features/ref/dc-block.ts';
import { EDGE_LENGTHS, assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const A = 0.995;

test('a constant offset comes out as exactly zero', () => {
  const x = new Float32Array(1000).fill(0.3);
  const y = new Float32Array(1000);
  dcBlock(x, y, 1000, A);
  assert.ok(y.every((v) => v === 0));
});

test('a 200 Hz tone passes with its amplitude; DC added to it is removed', () => {
  const n = 16000;
  const x = Float32Array.from({ length: n }, (_, i) => 0.5 + 0.2 * Math.sin((2 * Math.PI * 200 * i) / 16000));
  const y = new Float32Array(n);
  dcBlock(x, y, n, A);
  const tail = y.subarray(8000);
  const mean = tail.reduce((s, v) => s + v, 0) / tail.length;
  const peak = Math.max(...tail);
  assert.ok(Math.abs(mean) < 2e-3, `mean ${mean}`);
  assert.ok(Math.abs(peak - 0.2) < 0.01, `peak ${peak}`);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of [...EDGE_LENGTHS, 5000]) {
      const x = randomArray(n, 11 + n);
      const want = new Float32Array(n);
      dcBlock(x, want, n, A);
      const p = k.put(x), q = k.alloc(n);
      k.wasm.dcBlock(p, q, n, A);
      assertClose(k.read(q, n), want, dcBlockTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
