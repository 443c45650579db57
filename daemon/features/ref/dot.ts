// Reference for wasm/assembly/dot.ts: sum_{i<n} x[a + i] x[b + i], the lag products of
// autocorrelations (LPC, the harmonics' ACF).
import type { Tolerance } from './tolerance.ts';

export const dotTolerance: Tolerance = { abs: 1e-6, rel: 1e-4 };

export function dot(x: Float32Array, a: number, b: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[a + i] * x[b + i];
  return s;
}
