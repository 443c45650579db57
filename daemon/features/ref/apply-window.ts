// Reference for wasm/assembly/apply-window.ts: one analysis frame without any other
// processing (openSMILE's cFramer + cWindower as eGeMAPS uses them: no DC removal, no
// pre-emphasis): out[i] = x[at + i] w[i] for i < n, zero-padded to fftSize.
import type { Tolerance } from './tolerance.ts';

export const applyWindowTolerance: Tolerance = { abs: 1e-7, rel: 1e-6 };

export function applyWindow(x: Float32Array, at: number, n: number, win: Float32Array, fftSize: number, out: Float32Array): void {
  for (let i = 0; i < n; i++) out[i] = x[at + i] * win[i];
  out.fill(0, n, fftSize);
}
