import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decimate2, decimateTolerance, decimatorTaps } from '../../daemon/features/ref/decimate.ts';
import { EDGE_LENGTHS, assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const TAPS = decimatorTaps(31, 2000, 16000);

/** Output amplitude of a unit tone at f Hz through the 16 kHz -> 8 kHz decimator. */
function gain(f: number): number {
  const n = 4000;
  const x = Float32Array.from({ length: 2 * n + 31 }, (_, i) => Math.sin((2 * Math.PI * f * i) / 16000));
  const y = new Float32Array(n);
  decimate2(x, 0, n, TAPS, y);
  return Math.max(...y.subarray(200).map(Math.abs));
}

test('taps: unit DC gain, symmetric', () => {
  assert.ok(Math.abs(TAPS.reduce((s, v) => s + v, 0) - 1) < 1e-6);
  for (let i = 0; i < 31; i++) assert.ok(Math.abs(TAPS[i] - TAPS[30 - i]) < 1e-7);
});

test('passes the pitch band, stops what would alias below 4 kHz', () => {
  assert.ok(Math.abs(gain(300) - 1) < 0.01, `300 Hz: ${gain(300)}`);
  // Blackman, 31 taps: a wide transition band, -0.8 dB at 1 kHz, which pitch does not mind.
  assert.ok(gain(1000) > 0.88, `1 kHz: ${gain(1000)}`);
  for (const f of [4500, 6000, 7500]) assert.ok(gain(f) < 0.01, `${f} Hz: ${gain(f)}`);
});

test('WASM builds match the reference for edge output lengths and tap counts', async () => {
  for (const k of await wasmKits()) {
    for (const taps of [TAPS, TAPS.subarray(0, 1), TAPS.subarray(0, 3), TAPS.subarray(0, 4), TAPS.subarray(0, 5)]) {
      for (const n of EDGE_LENGTHS) {
        const x = randomArray(2 * n + taps.length + 4, 3 * n + taps.length);
        const want = new Float32Array(n);
        decimate2(x, 2, n, taps, want);
        const p = k.put(x), t = k.put(taps), q = k.alloc(n);
        k.wasm.decimate2(p + 8, n, t, taps.length, q);
        assertClose(k.read(q, n), want, decimateTolerance, `${k.variant} taps=${taps.length} n=${n}`);
        k.reset();
      }
    }
  }
});

test.run();
