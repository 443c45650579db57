// Reference for wasm/assembly/frame-window.ts. One analysis frame of n samples from x[at]:
//   r[i] = x[at+i] - mean                         (Kaldi remove_dc_offset)
//   e[i] = r[i] - k r[i-1], e[0] = (1 - k) r[0]   (pre-emphasis, HTK/Kaldi convention)
//   w[i] = e[i] * win[i], zero-padded to fftSize
// The mean is rounded to f32 like the kernel's, so a constant offset cancels exactly in both.
import type { Tolerance } from './tolerance.ts';

export const frameWindowTolerance: Tolerance = { abs: 1e-6, rel: 1e-5 };

/** Hamming window 0.54 - 0.46 cos(2 pi i/(n-1)) (Harris, Proc. IEEE 66, 1978). */
export function hammingWindow(n: number): Float32Array {
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) w[i] = n === 1 ? 1 : 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1));
  return w;
}

export function frameWindow(
  x: Float32Array, at: number, n: number, win: Float32Array, k: number, fftSize: number,
  rawOut: Float32Array, winOut: Float32Array,
): void {
  winOut.fill(0, 0, fftSize);
  if (n <= 0) return;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[at + i];
  const mean = Math.fround(sum / n);
  for (let i = 0; i < n; i++) rawOut[i] = x[at + i] - mean;
  winOut[0] = (rawOut[0] - k * rawOut[0]) * win[0];
  for (let i = 1; i < n; i++) winOut[i] = (rawOut[i] - k * rawOut[i - 1]) * win[i];
}
