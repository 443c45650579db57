// Where a loaded signal and its pitch versions sit, shared by both backends:
//   x16: [padding zeros | n samples | padding zeros]   sanitised input
//   level 0: same layout, DC-blocked                   (full-rate pitch refinement)
//   level j: level j-1 low-passed and halved, so level j [m] ~ level 0 [2^j m]
// The last level is the coarse pitch signal. Frame i starts at x16[padding + hop*i]; its
// pitch window is centred on the frame centre.
import { ANALYSIS, PITCH_GEOMETRY } from './analysis-config.ts';

export interface DecimationStep {
  /** Samples in level j. */
  readonly length: number;
  /** Outputs [from, from + count) are computed; the rest stays 0. */
  readonly from: number;
  readonly count: number;
  /** Offset into level j-1 of the input for output `from` (taps centred on 2m). */
  readonly input: number;
}

export interface SignalLayout {
  readonly n: number;
  readonly len16: number;
  /** Levels 1..log2(pitchDecimation). */
  readonly steps: readonly DecimationStep[];
}

export function signalLayout(n: number): SignalLayout {
  const p = ANALYSIS.padding;
  const half = (ANALYSIS.decimatorTaps - 1) >> 1;
  const steps: DecimationStep[] = [];
  for (let f = 2; f <= PITCH_GEOMETRY.factor; f *= 2) {
    const from = p / f - 8;
    const to = Math.ceil((p + n) / f) + 8;
    steps.push({ length: (2 * p) / f + Math.ceil(n / f), from, count: to - from, input: 2 * from - half });
  }
  return { n, len16: 2 * p + n, steps };
}

/** Start in x16 of frame i's analysis window. */
export const frameStart16 = (i: number): number => ANALYSIS.padding + ANALYSIS.hop * i;

/** Start in the coarse pitch signal of frame i's window (level 0 starts factor times further). */
export const pitchStartCoarse = (i: number): number =>
  (ANALYSIS.padding + ANALYSIS.hop * i + (ANALYSIS.frameLength >> 1)) / PITCH_GEOMETRY.factor - PITCH_GEOMETRY.back;
