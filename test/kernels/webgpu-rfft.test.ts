import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { rfftPower, rfftTolerance } from '../../daemon/features/ref/rfft.ts';
import { fftTwiddles } from '../../daemon/features/webgpu/spectral-tables.ts';
import type { GpuHandle } from '../../daemon/features/webgpu/gpu-device.ts';
import { assertClose, randomArray } from './helpers/kernel-harness.ts';
import { gpuTest, row, runKernel, stack } from './helpers/webgpu-harness.ts';

const SIZES = [2, 4, 8, 16, 64, 128, 512, 1024];

/** The tolerance scaled to the spectrum's largest bin. */
const scaled = (p: ArrayLike<number>) => ({ abs: rfftTolerance.abs + rfftTolerance.rel * Math.max(...Array.from(p)), rel: rfftTolerance.rel });

const run = (h: GpuHandle, n: number, frames: Float32Array[]) =>
  runKernel(h, 'rfft', { FFT_SIZE: n }, [stack(frames), fftTwiddles(n)], [frames.length * (n / 2 + 1)], frames.length);

gpuTest('WGSL rfft matches the reference for every size, several frames a dispatch', async (h) => {
  for (const n of SIZES) {
    const frames = [1, 2, 3].map((seed) => randomArray(n, 100 * n + seed));
    const [power] = await run(h, n, frames);
    frames.forEach((x, f) => {
      const want = new Float32Array(n / 2 + 1);
      rfftPower(x, n, want);
      assertClose(row(power, f, n / 2 + 1), want, scaled(want), `n=${n} frame ${f}`);
    });
  }
});

gpuTest('WGSL rfft: a cosine at bin 10 of 512 puts (n/2)^2 there and ~0 elsewhere', async (h) => {
  const n = 512;
  const x = Float32Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / n));
  const [p] = await run(h, n, [x]);
  assert.ok(Math.abs(p[10] / (n / 2) ** 2 - 1) < 1e-4, `${p[10]}`);
  for (let k = 0; k <= n / 2; k++) if (k !== 10) assert.ok(p[k] < 1e-6 * p[10], `bin ${k}: ${p[k]}`);
});

test.run();
