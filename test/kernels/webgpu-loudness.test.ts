import { test } from 'uvu';
import { loudness, loudnessTolerance } from '../../daemon/features/ref/loudness.ts';
import { EDGE_LENGTHS, assertNumberClose, rng } from './helpers/kernel-harness.ts';
import { gpuTest, runKernel, stack } from './helpers/webgpu-harness.ts';

/** Band energies over 16 decades with zeros and negatives (which add nothing). */
function bands(n: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, (_, i) => (i % 5 === 2 ? 0 : i % 11 === 4 ? -1 : 10 ** (-12 + 16 * r())));
}

gpuTest('WGSL loudness matches the reference at edge band counts', async (h) => {
  for (const n of EDGE_LENGTHS) {
    const frames = [bands(n, n + 9), bands(n, n + 10), new Float32Array(n)];
    const [out] = await runKernel(h, 'loudness', { BANDS: n, EXPONENT: 0.3 }, [stack(frames)], [frames.length], 1);
    frames.forEach((m, f) => assertNumberClose(out[f], loudness(m, n, 0.3), loudnessTolerance, `n=${n} frame ${f}`));
  }
});

test.run();
