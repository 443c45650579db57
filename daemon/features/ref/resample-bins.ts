// Reference for wasm/assembly/resample-bins.ts: the 20 ms frame resampled to 11 kHz from its
// spectrum, y[i] = Re sum_{k<K} X[k] exp(2 pi i (k i/352 - 96 k/512))/256 with X the 512-point
// DFT of the windowed frame (zero-padded), in f64, computed directly (no FFT, no 11 x 32
// split), so both the kernel's spectrum and its factorisation are checked. It equals the
// matrix product with egemaps-tables.ts resampleMatrix (ref/mat-vec.ts) up to rounding.
import type { Tolerance } from './tolerance.ts';

/** Relative to the largest |y| of the frame (the sums run over 110 bins and 32 periods in f32). */
export const resampleBinsTolerance: Tolerance = { abs: 2e-5, rel: 1e-4 };

export function resampleBins(win: Float32Array, fft: number, bins: number, rows: number, period: number, pad: number, out: Float32Array): void {
  const xr = new Float64Array(bins), xi = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    let r = 0, im = 0;
    for (let j = 0; j < fft; j++) {
      const a = (-2 * Math.PI * k * j) / fft;
      r += win[j] * Math.cos(a);
      im += win[j] * Math.sin(a);
    }
    xr[k] = r;
    xi[k] = im;
  }
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = 0; k < bins; k++) {
      const a = 2 * Math.PI * ((k * i) / period - (k * pad) / fft);
      s += xr[k] * Math.cos(a) - xi[k] * Math.sin(a);
    }
    out[i] = s / (fft / 2);
  }
}
