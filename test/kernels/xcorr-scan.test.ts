import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { xcorrScan, xcorrScanTolerance } from '../../daemon/features/ref/xcorr-scan.ts';
import { assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('a periodic signal peaks at its period', () => {
  const x = Float32Array.from({ length: 400 }, (_, i) => Math.sin((2 * Math.PI * i) / 50) + 0.3 * Math.sin((2 * Math.PI * i) / 25));
  const out = new Float64Array(21);
  xcorrScan(x, 10, 40, 60, out);
  assert.is(out.indexOf(Math.max(...out)), 10);
  assert.ok(Math.abs(out[10] - 1) < 1e-9);
});

test('WASM builds match the reference over lag ranges', async () => {
  for (const k of await wasmKits()) {
    for (const [t0, t1] of [[1, 1], [3, 9], [72, 88], [261, 321]]) {
      const noise = randomArray(2 * t1 + 40, t0 + 3);
      const x = noise.map((v, i) => 0.2 + Math.sin((2 * Math.PI * i) / (t0 + 2)) + 0.4 * v);
      const n = t1 - t0 + 1, want = new Float32Array(n), out = k.alloc(n), px = k.put(x);
      for (const a of [0, 17]) {
        xcorrScan(x, a, t0, t1, want);
        k.wasm.xcorrScan(px + 4 * a, t0, t1, out);
        assertClose(k.read(out, n), want, xcorrScanTolerance, `${k.variant} ${t0}..${t1} at ${a}`);
      }
      k.reset();
    }
  }
});

test('each lag equals centeredXcorr of the same build bit for bit (the SIMD build takes two lags at a time)', async () => {
  for (const k of await wasmKits()) {
    for (const [t0, t1] of [[1, 2], [1, 12], [3, 9], [4, 11], [72, 88], [73, 90], [261, 321]]) {
      const x = randomArray(2 * t1 + 40, 5 * t0 + t1).map((v, i) => 0.3 + Math.sin((2 * Math.PI * i) / (t0 + 3)) + 0.5 * v);
      const n = t1 - t0 + 1, out = k.alloc(n), px = k.put(x) + 4 * 9;
      k.wasm.xcorrScan(px, t0, t1, out);
      const got = new Uint32Array(k.read(out, n).buffer.slice(0));
      const want = Uint32Array.from({ length: n }, (_, i) => new Uint32Array(Float32Array.of(k.wasm.centeredXcorr(px, px + 4 * (t0 + i), t0 + i)).buffer)[0]);
      assert.equal(got, want, `${k.variant} ${t0}..${t1}`);
      k.reset();
    }
  }
});

test.run();
