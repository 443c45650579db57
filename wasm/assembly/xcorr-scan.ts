// The period-matching scan of jitter/shimmer (openSMILE cPitchJitter): for every candidate
// period t in [t0, t1] the Pearson correlation of x[0, t) with x[t, 2t), into out[t - t0].
// One call per period instead of one per lag.
// Reference: daemon/features/ref/xcorr-scan.ts
import { centeredXcorr } from './centered-xcorr.ts';

export function xcorrScan(xPtr: usize, t0: i32, t1: i32, outPtr: usize): void {
  for (let t = t0; t <= t1; t++) {
    store<f32>(outPtr + (<usize>(t - t0) << 2), centeredXcorr(xPtr, xPtr + (<usize>t << 2), t));
  }
}
