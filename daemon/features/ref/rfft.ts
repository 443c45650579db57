// Reference for wasm/assembly/rfft.ts: power spectrum P[k] = |X[k]|^2, k = 0..n/2, of n real
// samples (n a power of two). Deliberately a different route from the kernel: a plain
// complex radix-2 FFT of all n points with zero imaginary input (Cooley-Tukey, iterative,
// bit-reversed input), in f64, so the kernel's real-input split is checked independently.
import type { Tolerance } from './tolerance.ts';

/** Relative to the largest bin of the spectrum (the parity tests scale abs by it). */
export const rfftTolerance: Tolerance = { abs: 2e-6, rel: 1e-4 };

export function rfftPower(x: Float32Array, n: number, out: Float32Array): void {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let bits = 0;
  while (1 << bits < n) bits++;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    re[r] = x[i];
  }
  for (let h = 1; h < n; h <<= 1) {
    for (let j = 0; j < h; j++) {
      const wr = Math.cos((Math.PI * j) / h);
      const wi = -Math.sin((Math.PI * j) / h);
      for (let b = 0; b < n; b += 2 * h) {
        const a = b + j, c = b + j + h;
        const tr = re[c] * wr - im[c] * wi;
        const ti = re[c] * wi + im[c] * wr;
        re[c] = re[a] - tr;
        im[c] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  for (let k = 0; k <= n / 2; k++) out[k] = re[k] * re[k] + im[k] * im[k];
}
