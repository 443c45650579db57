// Reference for wasm/assembly/xcorr-scan.ts: the period-matching scan of jitter/shimmer
// (openSMILE cPitchJitter): for each candidate period t in [t0, t1], the Pearson correlation
// of x[a, a+t) with x[a+t, a+2t), into out[t - t0].
import { centeredXcorr, centeredXcorrTolerance } from './centered-xcorr.ts';
import type { Tolerance } from './tolerance.ts';

export const xcorrScanTolerance: Tolerance = centeredXcorrTolerance;

export function xcorrScan(x: Float32Array, a: number, t0: number, t1: number, out: Float64Array | Float32Array): void {
  for (let t = t0; t <= t1; t++) out[t - t0] = centeredXcorr(x, a, a + t, t);
}
