import { test } from 'uvu';
import { zeroCrossingRate, zcrTolerance } from '../../daemon/features/ref/zcr.ts';
import { EDGE_LENGTHS, assertNumberClose, randomArray } from './helpers/kernel-harness.ts';
import { gpuTest, runKernel, stack } from './helpers/webgpu-harness.ts';

gpuTest('WGSL zcr matches the reference at edge lengths (zeros count as positive)', async (h) => {
  for (const n of EDGE_LENGTHS) {
    const a = randomArray(n, 5 * n + 2);
    if (n > 8) a.fill(0, 2, 6);
    const frames = [a, randomArray(n, 5 * n + 3, -0.1, 1), new Float32Array(n).fill(-0.2)];
    const [rate] = await runKernel(h, 'zcr', { FRAME_LEN: n }, [stack(frames)], [frames.length], frames.length);
    frames.forEach((x, f) => assertNumberClose(rate[f], zeroCrossingRate(x, n), zcrTolerance, `n=${n} frame ${f}`));
  }
});

test.run();
