import { test } from 'uvu';
import { melBands, melBandsTolerance, melFilterbank } from '../../daemon/features/ref/mel-filterbank.ts';
import { assertClose, randomArray } from './helpers/kernel-harness.ts';
import { gpuTest, row, runKernel, stack } from './helpers/webgpu-harness.ts';

const DESIGNS = [
  { fb: melFilterbank(26, 512, 16000, 20, 8000), bins: 257 },
  { fb: melFilterbank(40, 512, 16000, 20, 8000), bins: 257 },
  { fb: melFilterbank(3, 64, 16000, 100, 4000), bins: 33 },
  { fb: melFilterbank(5, 1024, 16000, 0, 8000), bins: 513 },
];

gpuTest('WGSL mel-filterbank matches the reference for several designs, several frames a dispatch', async (h) => {
  for (const [d, { fb, bins }] of DESIGNS.entries()) {
    const frames = [1, 2, 3].map((s) => randomArray(bins, 17 * d + s, 0, 10));
    const [mel] = await runKernel(h, 'mel-filterbank', { BINS: bins, BANDS: fb.nBands },
      [stack(frames), fb.bands, fb.weights], [frames.length * fb.nBands], 2);
    frames.forEach((p, f) => {
      const want = new Float32Array(fb.nBands);
      melBands(p, fb, want);
      assertClose(row(mel, f, fb.nBands), want, melBandsTolerance, `design ${d} frame ${f}`);
    });
  }
});

test.run();
