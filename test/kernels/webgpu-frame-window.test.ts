import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { frameWindow, frameWindowTolerance, hammingWindow } from '../../daemon/features/ref/frame-window.ts';
import type { GpuHandle } from '../../daemon/features/webgpu/gpu-device.ts';
import { EDGE_LENGTHS, assertClose, randomArray } from './helpers/kernel-harness.ts';
import { gpuTest, row, runKernel } from './helpers/webgpu-harness.ts';

const K = 0.97;
const fftFor = (n: number): number => Math.max(4, 2 ** Math.ceil(Math.log2(Math.max(n, 1))));

/** Frames of n samples at the given starts in one signal, as the feature pipeline lays them out. */
function run(h: GpuHandle, n: number, x: Float32Array, starts: number[], fft: number) {
  return runKernel(h, 'frame-window', { FRAME_LEN: n, FFT_SIZE: fft, PRE_EMPHASIS: K },
    [x, Uint32Array.from(starts), n ? hammingWindow(n) : new Float32Array(1)], [starts.length * n, starts.length * fft], starts.length);
}

gpuTest('WGSL frame-window matches the reference at edge lengths, several frames a dispatch', async (h) => {
  for (const n of EDGE_LENGTHS) {
    const fft = fftFor(n), starts = [3, 3 + Math.floor(n / 2), 11 + n];
    const x = randomArray(2 * n + 24, 7 * n + 1, -0.5, 1);
    const [raw, out] = await run(h, n, x, starts, fft);
    starts.forEach((at, f) => {
      const wantRaw = new Float32Array(n), wantOut = new Float32Array(fft);
      frameWindow(x, at, n, hammingWindow(n), K, fft, wantRaw, wantOut);
      assertClose(row(raw, f, n), wantRaw, frameWindowTolerance, `raw n=${n} frame ${f}`);
      assertClose(row(out, f, fft), wantOut, frameWindowTolerance, `windowed n=${n} frame ${f}`);
    });
  }
});

gpuTest('WGSL frame-window: a constant (DC) frame gives exact zeros', async (h) => {
  for (const c of [0.3, 0.1, -0.7, 1e5]) {
    const [raw, out] = await run(h, 400, new Float32Array(600).fill(c), [0, 100, 200], 512);
    assert.ok(raw.every((v) => v === 0), `raw of ${c}`);
    assert.ok(out.every((v) => v === 0), `windowed of ${c}`);
  }
});

test.run();
