import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frameWindow, frameWindowTolerance, hammingWindow } from '../../daemon/features/ref/frame-window.ts';
import { EDGE_LENGTHS, assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const K = 0.97;
const fftFor = (n: number): number => Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(n, 1))));

test('Hamming window: 0.08 at the ends, 1 in the middle', () => {
  const w = hammingWindow(401);
  assert.ok(Math.abs(w[0] - 0.08) < 1e-6 && Math.abs(w[400] - 0.08) < 1e-6);
  assert.ok(Math.abs(w[200] - 1) < 1e-6);
});

test('a constant frame (DC offset) gives exact zeros; padding is zero', () => {
  const x = new Float32Array(600).fill(0.3);
  const raw = new Float32Array(400), win = new Float32Array(512).fill(9);
  frameWindow(x, 100, 400, hammingWindow(400), K, 512, raw, win);
  assert.ok(raw.every((v) => v === 0));
  assert.ok(win.every((v) => v === 0));
});

test('pre-emphasis of a ramp after mean removal matches the formula', () => {
  const x = Float32Array.from({ length: 8 }, (_, i) => i);
  const raw = new Float32Array(8), win = new Float32Array(8);
  frameWindow(x, 0, 8, new Float32Array(8).fill(1), K, 8, raw, win);
  assert.ok(Math.abs(raw[0] + 3.5) < 1e-6);
  assert.ok(Math.abs(win[0] - (1 - K) * -3.5) < 1e-6);
  assert.ok(Math.abs(win[5] - (1.5 - K * 0.5)) < 1e-6);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const fft = fftFor(n), at = 3;
      const x = randomArray(n + 8, 7 * n + 1, -0.5, 1);
      const win = hammingWindow(n);
      const raw = new Float32Array(n), out = new Float32Array(fft);
      frameWindow(x, at, n, win, K, fft, raw, out);
      const px = k.put(x), pw = k.put(win), pr = k.alloc(n), po = k.alloc(fft);
      k.wasm.frameWindow(px + 4 * at, n, pw, K, fft, pr, po);
      assertClose(k.read(pr, n), raw, frameWindowTolerance, `${k.variant} raw n=${n}`);
      assertClose(k.read(po, fft), out, frameWindowTolerance, `${k.variant} windowed n=${n}`);
      k.reset();
    }
  }
});

test.run();
