import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyWindow, applyWindowTolerance } from '../../daemon/features/ref/apply-window.ts';
import { assertClose, EDGE_LENGTHS, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('the frame is multiplied by the window and zero-padded', () => {
  const x = Float32Array.from([1, 2, 3, 4, 5]), w = Float32Array.from([0.5, 1, 2]), out = new Float32Array(6).fill(9);
  applyWindow(x, 1, 3, w, 6, out);
  assert.equal([...out], [1, 3, 8, 0, 0, 0]);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const fft = Math.max(1, 1 << Math.ceil(Math.log2(Math.max(n, 1))));
      const x = randomArray(n + 3, n + 1), w = randomArray(n, 2 * n + 5, 0, 1);
      const want = new Float32Array(fft);
      applyWindow(x, 3, n, w, fft, want);
      const px = k.put(x), pw = k.put(w), out = k.alloc(fft);
      k.heap.f32.fill(7, out >> 2, (out >> 2) + fft);
      k.wasm.applyWindow(px + 12, n, pw, fft, out);
      assertClose(k.read(out, fft), want, applyWindowTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
