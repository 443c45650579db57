// Formants F1-F5 of one 20 ms frame from its 11 kHz resampling (openSMILE cLpc method=acf
// p=11 + cFormantLpc): Levinson-Durbin on the autocorrelation r[0..11] gives the prediction
// error filter A(z) = 1 + sum a_i z^-i (Makhoul, Proc. IEEE 63, 1975); each root z of A
// inside (or reflected into) the unit circle with arg z >= 0 gives a resonance at
// f = arg(z) fs/(2 pi) with bandwidth B = -ln|z| fs/pi; those within 50-5450 Hz, ascending,
// are F1.. (0 when fewer). A silent frame (r[0] = 0) has none.
import { EGEMAPS as E } from './egemaps-config.ts';
import { lpcRoots } from '../ref/lpc-roots.ts';

export { levinson } from './levinson.ts';

/** Roots of the previous frame of one utterance: they start the next solve (the polynomial changes slowly). */
export const newRootMemory = (): Float64Array => new Float64Array(2 * E.lpcOrder);

/**
 * freqs and bandwidths: nFormants entries each. lastRoots holds the previous frame's roots
 * and gets this frame's (the reference path; the WASM backend solves in lpcRoots).
 */
export function formantsFromAcf(
  r: ArrayLike<number>, freqs: Float64Array, bandwidths: Float64Array, lastRoots = newRootMemory(),
): void {
  if (lpcRoots(r, E.lpcOrder, lastRoots) < 0) {
    freqs.fill(0);
    bandwidths.fill(0);
    return;
  }
  formantsFromRoots(lastRoots, freqs, bandwidths);
}

/** Resonances of the LPC roots ((re, im) pairs, lpcOrder of them) within 50-5450 Hz, ascending. */
export function formantsFromRoots(roots: Float64Array, freqs: Float64Array, bandwidths: Float64Array): void {
  const p = E.lpcOrder, fs = E.formantRate;
  freqs.fill(0);
  bandwidths.fill(0);
  // Resonances in range, kept in ascending frequency by insertion (at most nFormants).
  let count = 0;
  for (let k = 0; k < p && count < E.nFormants; k++) {
    let re = roots[2 * k], im = roots[2 * k + 1];
    const m2 = re * re + im * im;
    if (m2 > 1) {
      re /= m2;
      im /= m2;
    }
    if (im < 0) continue;
    const f = (Math.abs(Math.atan2(im, re)) * fs) / (2 * Math.PI);
    if (!(f >= E.formantMinHz && f <= E.formantMaxHz)) continue;
    const b = (-0.5 * Math.log(re * re + im * im) * fs) / Math.PI;
    let j = count++;
    for (; j > 0 && freqs[j - 1] > f; j--) {
      freqs[j] = freqs[j - 1];
      bandwidths[j] = bandwidths[j - 1];
    }
    freqs[j] = f;
    bandwidths[j] = b;
  }
}
