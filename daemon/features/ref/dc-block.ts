// Reference for wasm/assembly/dc-block.ts. One-pole DC blocker
//   y[n] = x[n] - x[n-1] + a y[n-1]
// (J. O. Smith, "Introduction to Digital Filters", appendix "DC Blocker"); with a = 0.995
// the -3 dB point is near 13 Hz at 16 kHz. State starts as if x[0] had always been there,
// so a constant offset gives exactly 0.
import type { Tolerance } from './tolerance.ts';

/** The recursion runs in f32 in the kernel: errors stay at a few ulps of the signal. */
export const dcBlockTolerance: Tolerance = { abs: 2e-6, rel: 1e-5 };

export function dcBlock(x: Float32Array, out: Float32Array, n: number, a: number): void {
  if (n <= 0) return;
  let xPrev = x[0];
  let yPrev = 0;
  for (let i = 0; i < n; i++) {
    const y = x[i] - xPrev + a * yPrev;
    out[i] = y;
    xPrev = x[i];
    yPrev = y;
  }
}
