import { test } from 'uvu';
import { spectralFlatness, spectralFlatnessTolerance } from '../../daemon/features/ref/spectral-flatness.ts';
import { assertNumberClose } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS } from './helpers/spectra.ts';
import { gpuTest, runKernel } from './helpers/webgpu-harness.ts';
import { spectrumFrames } from './helpers/webgpu-spectra.ts';

gpuTest('WGSL spectral-flatness matches the reference at edge lengths, several frames a dispatch', async (h) => {
  for (const n of SPECTRUM_LENGTHS) {
    for (const lo of [0, 1]) {
      const s = spectrumFrames(n, 7 * n + lo);
      const [out] = await runKernel(h, 'spectral-flatness', { BINS: n, LOW_BIN: lo, FLOOR },
        s.stacked, [3], 3);
      s.p.forEach((p, f) => {
        const logP = s.logP[f];
        assertNumberClose(out[f], spectralFlatness(p, logP, lo, n, FLOOR), spectralFlatnessTolerance, `n=${n} lo=${lo} frame ${f}`);
      });
    }
  }
});

test.run();
