import { test } from 'uvu';
import { logPower, logPowerTolerance } from '../../daemon/features/ref/log-power.ts';
import { EDGE_LENGTHS, assertClose, rng } from './helpers/kernel-harness.ts';
import { gpuTest, runKernel } from './helpers/webgpu-harness.ts';

const FLOOR = 1e-12;

/** Powers spread over 30 decades, with exact zeros. */
function powers(n: number, seed: number): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 10 ** (-15 + 20 * r())));
}

gpuTest('WGSL log-power matches the reference at edge lengths, over a grid-stride loop', async (h) => {
  for (const n of [...EDGE_LENGTHS, 257, 3 * 257 * 40]) {
    const p = powers(n, n + 5);
    const want = new Float32Array(n);
    logPower(p, n, FLOOR, want);
    // Fewer workgroups than elements / 64: each invocation takes several.
    const [out] = await runKernel(h, 'log-power', { FLOOR }, [p], [n], Math.min(Math.ceil(n / 64), 7));
    assertClose(out, want, logPowerTolerance, `n=${n}`);
  }
});

test.run();
