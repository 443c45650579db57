import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { spectralRolloff, spectralRolloffTolerance } from '../../daemon/features/ref/spectral-rolloff.ts';
import { assertNumberClose } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS } from './helpers/spectra.ts';
import { gpuTest, runKernel, stack } from './helpers/webgpu-harness.ts';
import { spectrumFrames } from './helpers/webgpu-spectra.ts';

const constants = (n: number) => ({ BINS: n, BIN_HZ, FRACTION: 0.85, FLOOR });

gpuTest('WGSL spectral-rolloff matches the reference at edge lengths (within one bin)', async (h) => {
  for (const n of SPECTRUM_LENGTHS) {
    const s = spectrumFrames(n, 2 * n + 1);
    const [out] = await runKernel(h, 'spectral-rolloff', constants(n), [s.stacked[0]], [3], 3);
    s.p.forEach((p, f) => {
      assertNumberClose(out[f], spectralRolloff(p, n, BIN_HZ, 0.85, FLOOR), spectralRolloffTolerance, `n=${n} frame ${f}`);
    });
  }
});

gpuTest('WGSL spectral-rolloff: exact on clear cases (flat, one bin, a bin in the last block)', async (h) => {
  const one = (k: number) => Object.assign(new Float32Array(257), { [k]: 2 });
  const frames = [new Float32Array(257).fill(1), one(40), one(256), one(0)];
  const [out] = await runKernel(h, 'spectral-rolloff', constants(257), [stack(frames)], [4], 4);
  assert.equal(Array.from(out), [218, 40, 256, 0].map((k) => k * BIN_HZ));
});

test.run();
