import { test } from 'uvu';
import { spectralCentroid, spectralCentroidTolerance } from '../../daemon/features/ref/spectral-centroid.ts';
import { assertNumberClose } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS } from './helpers/spectra.ts';
import { gpuTest, runKernel } from './helpers/webgpu-harness.ts';
import { spectrumFrames } from './helpers/webgpu-spectra.ts';

gpuTest('WGSL spectral-centroid matches the reference at edge lengths, several frames a dispatch', async (h) => {
  for (const n of SPECTRUM_LENGTHS) {
    const s = spectrumFrames(n, 7 * n);
    const [out] = await runKernel(h, 'spectral-centroid', { BINS: n, BIN_HZ, FLOOR }, [s.stacked[0]], [3], 3);
    s.p.forEach((p, f) => {
      assertNumberClose(out[f], spectralCentroid(p, n, BIN_HZ, FLOOR), spectralCentroidTolerance, `n=${n} frame ${f}`);
    });
  }
});

test.run();
