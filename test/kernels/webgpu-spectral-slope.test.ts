import { test } from 'uvu';
import { spectralSlope, spectralSlopeTolerance } from '../../daemon/features/ref/spectral-slope.ts';
import { assertNumberClose } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS } from './helpers/spectra.ts';
import { gpuTest, runKernel } from './helpers/webgpu-harness.ts';
import { spectrumFrames } from './helpers/webgpu-spectra.ts';

gpuTest('WGSL spectral-slope matches the reference at edge lengths, several frames a dispatch', async (h) => {
  for (const n of SPECTRUM_LENGTHS) {
    for (const lo of [0, 1]) {
      const s = spectrumFrames(n, 7 * n + lo);
      const [out] = await runKernel(h, 'spectral-slope', { BINS: n, LOW_BIN: lo, BIN_HZ, FLOOR }, s.stacked, [3], 3);
      s.p.forEach((p, f) => {
        const want = spectralSlope(p, s.logP[f], lo, n, BIN_HZ, FLOOR);
        assertNumberClose(out[f], want, spectralSlopeTolerance, `n=${n} lo=${lo} frame ${f}`);
      });
    }
  }
});

test.run();
