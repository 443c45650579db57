// Reference for wasm/assembly/energy.ts: mean square (1/n) sum x[i]^2, 0 for n = 0.
// The LLDs derive RMS = sqrt(ms) and log energy = 10 log10(ms + 1e-10) dB from it.
import type { Tolerance } from './tolerance.ts';

export const meanSquareTolerance: Tolerance = { abs: 1e-12, rel: 2e-6 };

export function meanSquare(x: Float32Array, n: number): number {
  if (n <= 0) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * x[i];
  return s / n;
}
