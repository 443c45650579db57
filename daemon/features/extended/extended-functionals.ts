// The functionals of the extended set: emotiond-v1's twenty (functionals.ts, unchanged)
// plus quartiles, the interquartile range and up-level times, as ComParE_2016 has them.
// They live here, not in FUNCTIONALS, because ALL_FUNCTIONALS is emotiond-v1's list and
// must not grow.
//   pct25, pct75      quartiles (interpolated as the other percentiles)
//   iqr25_75          pct75 - pct25
//   uplevel25..90     share of the counted frames above min + p (max - min): how long the
//                     contour stays near its peak, a shape cue the moments miss
// Over no counted frame every value is 0; over a constant contour the up-level times are 0.
import { ContourStats } from '../contour-stats.ts';
import { ALL_FUNCTIONALS, FUNCTIONALS, MOMENT_FUNCTIONALS, type FunctionalName } from '../functionals.ts';

const UPLEVELS = [0.25, 0.5, 0.75, 0.9] as const;

export const EXTRA_FUNCTIONALS = ['pct25', 'pct75', 'iqr25_75', 'uplevel25', 'uplevel50', 'uplevel75', 'uplevel90'] as const;
export type ExtraFunctional = (typeof EXTRA_FUNCTIONALS)[number];
export type ExtendedFunctional = FunctionalName | ExtraFunctional;

/** The 27 functionals of most contours. */
export const EXTENDED_FUNCTIONALS: readonly ExtendedFunctional[] = [...ALL_FUNCTIONALS, ...EXTRA_FUNCTIONALS];
/** Moments and extremes only, for delta-delta contours. */
export const SHORT_FUNCTIONALS: readonly ExtendedFunctional[] = MOMENT_FUNCTIONALS;

/** Shares of counted frames above each up-level threshold. */
function uplevelTimes(contour: Float32Array, mask: Float32Array | null, s: ContourStats): number[] {
  const range = s.max - s.min;
  if (s.n === 0 || !(range > 0)) return UPLEVELS.map(() => 0);
  const thresholds = UPLEVELS.map((p) => s.min + p * range);
  const above = UPLEVELS.map(() => 0);
  for (let i = 0; i < contour.length; i++) {
    if (mask && !(mask[i] > 0)) continue;
    const v = contour[i];
    for (let t = 0; t < thresholds.length; t++) if (v > thresholds[t]) above[t]++;
  }
  return above.map((a) => a / s.n);
}

/** Writes the named functionals of one contour to out[at..]; returns the next position. */
export function writeFunctionals(
  contour: Float32Array, mask: Float32Array | null, frameRate: number,
  names: readonly ExtendedFunctional[], out: Float32Array, at: number,
): number {
  const s = new ContourStats(contour, mask, frameRate);
  let up: number[] | null = null;
  for (const f of names) {
    let v: number;
    switch (f) {
      case 'pct25': v = s.percentile(0.25); break;
      case 'pct75': v = s.percentile(0.75); break;
      case 'iqr25_75': v = s.percentile(0.75) - s.percentile(0.25); break;
      case 'uplevel25': case 'uplevel50': case 'uplevel75': case 'uplevel90':
        up ??= uplevelTimes(contour, mask, s);
        v = up[['uplevel25', 'uplevel50', 'uplevel75', 'uplevel90'].indexOf(f)];
        break;
      default: v = FUNCTIONALS[f](s);
    }
    out[at++] = v;
  }
  return at;
}
