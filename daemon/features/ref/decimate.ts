// Reference for wasm/assembly/decimate.ts: FIR low-pass and keep every second sample,
//   out[m] = sum_{t < taps.length} h[t] x[at + 2m + t],
// centred on input at + 2m + (taps.length - 1)/2. The taps are designed here.
import type { Tolerance } from './tolerance.ts';

export const decimateTolerance: Tolerance = { abs: 1e-6, rel: 1e-5 };

/**
 * Windowed-sinc low-pass (Blackman window; Smith, "The Scientist and Engineer's Guide to
 * DSP", ch. 16): h[t] = sinc(2 fc (t - M/2)) w[t], fc = cutoffHz/sampleRate, M = n-1,
 * normalised to unit DC gain. 31 taps at 2 kHz / 16 kHz attenuate >= 50 dB from ~3.5 kHz,
 * so little folds back below the 4 kHz half-rate Nyquist frequency.
 */
export function decimatorTaps(n: number, cutoffHz: number, sampleRate: number): Float32Array {
  const fc = cutoffHz / sampleRate;
  const m = n - 1;
  const h = new Float64Array(n);
  let sum = 0;
  for (let t = 0; t < n; t++) {
    const u = t - m / 2;
    const sinc = u === 0 ? 2 * Math.PI * fc : Math.sin(2 * Math.PI * fc * u) / u;
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * t) / m) + 0.08 * Math.cos((4 * Math.PI * t) / m);
    h[t] = sinc * w;
    sum += h[t];
  }
  return Float32Array.from(h, (v) => v / sum);
}

export function decimate2(x: Float32Array, at: number, nOut: number, taps: Float32Array, out: Float32Array): void {
  for (let m = 0; m < nOut; m++) {
    let s = 0;
    for (let t = 0; t < taps.length; t++) s += taps[t] * x[at + 2 * m + t];
    out[m] = s;
  }
}
