import { test } from 'uvu';
import { meanSquare, meanSquareTolerance } from '../../daemon/features/ref/energy.ts';
import { EDGE_LENGTHS, assertNumberClose, randomArray } from './helpers/kernel-harness.ts';
import { gpuTest, row, runKernel, stack } from './helpers/webgpu-harness.ts';

gpuTest('WGSL energy (mean square) matches the reference at edge lengths', async (h) => {
  for (const n of EDGE_LENGTHS) {
    const frames = [randomArray(n, 31 * n + 1), randomArray(n, 31 * n + 2, -1e-3, 1e-3), new Float32Array(n)];
    const [ms] = await runKernel(h, 'energy', { FRAME_LEN: n }, [stack(frames)], [frames.length], frames.length);
    frames.forEach((x, f) => assertNumberClose(ms[f], meanSquare(x, n), meanSquareTolerance, `n=${n} frame ${f}`));
  }
});

test.run();
