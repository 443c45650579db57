// Reference for wasm/assembly/spectral-rolloff.ts: binHz times the first k with
// sum_{j<=k} P[j] >= fraction * sum P (Peeters 2004, sec. 6.1.2). 0 when sum P < floor.
import type { Tolerance } from './tolerance.ts';

/** f32 running sums may cross the threshold one bin apart: one bin at 16 kHz / 512. */
export const spectralRolloffTolerance: Tolerance = { abs: 31.25 + 1e-3, rel: 0 };

export function spectralRolloff(p: Float32Array, n: number, binHz: number, fraction: number, floor: number): number {
  let total = 0;
  for (let k = 0; k < n; k++) total += p[k];
  if (total < floor) return 0;
  let c = 0;
  for (let k = 0; k < n; k++) {
    c += p[k];
    if (c >= fraction * total) return binHz * k;
  }
  return binHz * (n - 1);
}
