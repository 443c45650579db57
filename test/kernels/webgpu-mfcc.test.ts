import { test } from 'uvu';
import { dctMatrix, mfcc, mfccTolerance } from '../../daemon/features/ref/mfcc.ts';
import { EDGE_LENGTHS, assertClose, randomArray } from './helpers/kernel-harness.ts';
import { gpuTest, row, runKernel, stack } from './helpers/webgpu-harness.ts';

const FLOOR = 1e-10;

gpuTest('WGSL mfcc matches the reference for edge band counts, several frames a dispatch', async (h) => {
  for (const bands of EDGE_LENGTHS.filter((n) => n > 0 && n <= 65).concat([26, 40])) {
    const ceps = Math.min(14, bands);
    const frames = [1, 2, 3].map((s) => randomArray(bands, 10 * bands + s, 0, 5));
    frames[0][0] = 0; // floored
    frames[2].fill(0); // silence
    const d = dctMatrix(ceps, bands);
    const [out] = await runKernel(h, 'mfcc', { BANDS: bands, CEPS: ceps, FLOOR }, [stack(frames), d], [frames.length * ceps], frames.length);
    frames.forEach((mel, f) => {
      const want = new Float32Array(ceps);
      mfcc(mel, bands, FLOOR, d, ceps, want);
      assertClose(row(out, f, ceps), want, mfccTolerance, `bands=${bands} frame ${f}`);
    });
  }
});

test.run();
