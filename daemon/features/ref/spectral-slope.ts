// Reference for wasm/assembly/spectral-slope.ts: least-squares slope, in dB/kHz, of
// y = 10 log10 P[k] against f = k binHz/1000 over lo <= k < n (k counted from lo), with
// ln P taken floored from log-power: slope = sum (k - kbar) y / (binHz/1000 sum (k - kbar)^2).
// 0 when sum P < floor or fewer than 2 bins.
import type { Tolerance } from './tolerance.ts';

export const spectralSlopeTolerance: Tolerance = { abs: 2e-3, rel: 1e-4 };

export function spectralSlope(
  p: Float32Array, logP: Float32Array, lo: number, n: number, binHz: number, floor: number,
): number {
  const count = n - lo;
  if (count < 2) return 0;
  let s = 0;
  for (let k = lo; k < n; k++) s += p[k];
  if (s < floor) return 0;
  const kbar = (count - 1) / 2;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < count; i++) {
    sxy += (i - kbar) * (10 / Math.LN10) * logP[lo + i];
    sxx += (i - kbar) * (i - kbar);
  }
  return sxy / ((sxx * binHz) / 1000);
}
