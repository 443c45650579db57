import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { spectralFlux, spectralFluxTolerance } from '../../daemon/features/ref/spectral-flux.ts';
import { assertNumberClose } from './helpers/kernel-harness.ts';
import { FLOOR, SPECTRUM_LENGTHS } from './helpers/spectra.ts';
import { gpuTest, runKernel } from './helpers/webgpu-harness.ts';
import { spectrumFrames } from './helpers/webgpu-spectra.ts';

gpuTest('WGSL spectral-flux matches the reference between consecutive frames; 0 where a signal starts', async (h) => {
  for (const n of SPECTRUM_LENGTHS) {
    const s = spectrumFrames(n, 11 * n + 1);
    // Frame 0 starts a signal, frames 1 and 2 continue it (2 is silent after 1).
    const [out] = await runKernel(h, 'spectral-flux', { BINS: n, FLOOR }, [s.stacked[0], Uint32Array.from([0, 1, 1])], [3], 3);
    assert.is(out[0], 0, `n=${n} frame 0`);
    for (const f of [1, 2]) {
      assertNumberClose(out[f], spectralFlux(s.p[f], s.p[f - 1], n, FLOOR), spectralFluxTolerance, `n=${n} frame ${f}`);
    }
    // The same frames as the start of three signals: all 0.
    const [none] = await runKernel(h, 'spectral-flux', { BINS: n, FLOOR }, [s.stacked[0], new Uint32Array(3)], [3], 3);
    assert.equal(Array.from(none), [0, 0, 0]);
  }
});

test.run();
