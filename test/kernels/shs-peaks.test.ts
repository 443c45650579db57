import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shsPeaks, shsPeaksTolerance } from '../../daemon/features/ref/shs-peaks.ts';
import { assertNumberClose, EDGE_LENGTHS, rng, wasmKits } from './helpers/kernel-harness.ts';

test('the highest strict local maxima, highest first, ties in order, and the mean', () => {
  const s = Float32Array.from([0, 3, 1, 5, 2, 5, 0, 4, 4, 0, 2, 1]);
  const idx = new Int32Array(3), val = new Float32Array(3);
  const { count, mean } = shsPeaks(s, s.length, 3, idx, val);
  // 4, 4 is a plateau (no strict maximum); 5 at 3 and 5 come first, in order, then 3 at 1.
  assert.is(count, 3);
  assert.equal([...idx], [3, 5, 1]);
  assert.ok(Math.abs(mean - 27 / 12) < 1e-12);
  assert.is(shsPeaks(new Float32Array(5), 5, 3, idx, val).count, 0);
  assert.equal([...idx], [0, 0, 0]);
});

test('WASM builds match the reference at edge lengths and on pitch-spectrum-like input', async () => {
  for (const k of await wasmKits()) {
    for (const n of [...EDGE_LENGTHS, 513]) {
      for (const m of [1, 6]) {
        const r = rng(n * 7 + m);
        // Positive, peaky, with repeated values (quantised) so that ties occur.
        const s = Float32Array.from({ length: n }, (_, i) => Math.round(8 * Math.max(0, Math.sin(i / 5)) * r()) / 8);
        const idx = new Int32Array(m), val = new Float32Array(m);
        const want = shsPeaks(s, n, m, idx, val);
        const pi = k.alloc(m), pv = k.alloc(m), pm = k.alloc(1);
        const count = k.wasm.shsPeaks(k.put(s), n, m, pi, pv, pm);
        const label = `${k.variant} n=${n} m=${m}`;
        assert.is(count, want.count, label);
        assert.equal([...k.heap.i32.slice(pi >> 2, (pi >> 2) + m)], [...idx], label);
        assert.equal([...k.read(pv, m)], [...val], label);
        assertNumberClose(k.read(pm, 1)[0], want.mean, shsPeaksTolerance, label);
        k.reset();
      }
    }
  }
});

test.run();
