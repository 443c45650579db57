// The batched WGSL normalised cross-correlation against its reference (ref/nccf.ts) within
// nccfTolerance: the coarse pitch search's geometry (80-sample windows at 4 kHz, lags 7..73),
// the fine one's (a 320-sample window at 16 kHz, 9 lags), and edge windows; several frames a
// dispatch, at arbitrary starts, including silent and constant windows.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { nccf, nccfTolerance } from '../../../daemon/features/ref/nccf.ts';
import { assertClose, assertNumberClose, randomArray } from '../../kernels/helpers/kernel-harness.ts';
import { gpuTest, row, runKernel } from '../../kernels/helpers/webgpu-harness.ts';

/** A periodic signal with noise, a silent stretch and a constant one. */
function signal(length: number, period: number, seed: number): Float32Array {
  const noise = randomArray(length, seed, -0.2, 0.2);
  return Float32Array.from(noise, (v, i) => (i > length - 200 ? 0 : i > length - 400 ? 0.5 : Math.sin((2 * Math.PI * i) / period) + v));
}

gpuTest('nccf matches the reference: coarse and fine pitch geometries and edge windows', async (h) => {
  for (const [n, lo, hi, period] of [[80, 7, 73, 31.3], [320, 120, 128, 124.6], [1, 0, 3, 5], [64, 1, 1, 9], [65, 0, 64, 17]]) {
    const x = signal(4000, period, n + hi);
    // Windows and their lags stay inside the signal; the last two reach into the constant and silent tail.
    const starts = Uint32Array.from([0, 17, 1000, 4000 - n - hi, Math.max(0, 4000 - 190 - n - hi)]);
    const lags = hi - lo + 1;
    const [r, e] = await runKernel(h, 'nccf', { N: n, MIN_LAG: lo, MAX_LAG: hi }, [x, starts], [starts.length * lags, starts.length], 7);
    starts.forEach((at, f) => {
      const want = new Float32Array(lags);
      const e0 = nccf(x, at, n, lo, hi, want);
      assertClose(row(r, f, lags), want, nccfTolerance, `n=${n} lags ${lo}..${hi} frame ${f} at ${at}`);
      assertNumberClose(e[f], e0, { abs: 1e-6, rel: 1e-5 }, `n=${n} e0 of frame ${f}`);
    });
  }
});

gpuTest('nccf of a pure periodic window peaks at its period', async (h) => {
  const x = Float32Array.from({ length: 600 }, (_, i) => Math.sin((2 * Math.PI * i) / 40));
  const [r] = await runKernel(h, 'nccf', { N: 160, MIN_LAG: 20, MAX_LAG: 60 }, [x, Uint32Array.from([0, 100])], [2 * 41, 2], 1);
  for (const f of [0, 1]) {
    const rf = Array.from(row(r, f, 41));
    assert.is(rf.indexOf(Math.max(...rf)) + 20, 40, `frame ${f}`);
    assert.ok(Math.abs(rf[20] - 1) < 1e-5, `r(40) = ${rf[20]}`);
  }
});

test.run();
