// Functionals: named summaries of a contour, each a reading of ContourStats (definitions
// there). Add one by adding an entry; feature sets pick functionals by name.
import type { ContourStats } from './contour-stats.ts';

export type Functional = (s: ContourStats) => number;

export const FUNCTIONALS = {
  mean: (s) => s.mean,
  std: (s) => s.std,
  skewness: (s) => s.skewness,
  kurtosis: (s) => s.kurtosis,
  min: (s) => s.min,
  max: (s) => s.max,
  range: (s) => s.max - s.min,
  minpos: (s) => s.minPos,
  maxpos: (s) => s.maxPos,
  pct1: (s) => s.percentile(0.01),
  pct20: (s) => s.percentile(0.2),
  pct50: (s) => s.percentile(0.5),
  pct80: (s) => s.percentile(0.8),
  pct99: (s) => s.percentile(0.99),
  pctrange20_80: (s) => s.percentile(0.8) - s.percentile(0.2),
  linreg_slope: (s) => s.slope,
  linreg_offset: (s) => s.offset,
  linreg_err: (s) => s.lineError,
  rising_slope_mean: (s) => s.risingSlope,
  falling_slope_mean: (s) => s.fallingSlope,
} satisfies Record<string, Functional>;

export type FunctionalName = keyof typeof FUNCTIONALS;

/** Every functional above, in that order. */
export const ALL_FUNCTIONALS = Object.keys(FUNCTIONALS) as FunctionalName[];

/** The shorter set for delta contours, whose order statistics add little. */
export const MOMENT_FUNCTIONALS: readonly FunctionalName[] = [
  'mean', 'std', 'skewness', 'kurtosis', 'min', 'max', 'range',
];
