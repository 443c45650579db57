// Formants F1-F5 of one 20 ms frame from its 11 kHz resampling (openSMILE cLpc method=acf
// p=11 + cFormantLpc): Levinson-Durbin on the autocorrelation r[0..11] gives the prediction
// error filter A(z) = 1 + sum a_i z^-i (Makhoul, Proc. IEEE 63, 1975); each root z of A
// inside (or reflected into) the unit circle with arg z >= 0 gives a resonance at
// f = arg(z) fs/(2 pi) with bandwidth B = -ln|z| fs/pi; those within 50-5450 Hz, ascending,
// are F1.. (0 when fewer). A silent frame (r[0] = 0) has none.
import { EGEMAPS as E } from './egemaps-config.ts';
import { polyRoots } from './poly-roots.ts';

// Scratch reused across calls (no state is kept in it between calls).
const scratch = {
  prev: new Float64Array(E.lpcOrder), a: new Float64Array(E.lpcOrder),
  c: new Float64Array(E.lpcOrder + 1), roots: new Float64Array(2 * E.lpcOrder),
};

/** Levinson-Durbin: a[0..p-1] for A(z) = 1 + sum a_i z^-i; false when r[0] is 0. */
export function levinson(r: ArrayLike<number>, p: number, a: Float64Array): boolean {
  a.fill(0);
  let e = r[0];
  if (!(e > 0)) return false;
  const prev = scratch.prev;
  for (let m = 1; m <= p; m++) {
    let s = r[m];
    for (let i = 1; i < m; i++) s += a[i - 1] * r[m - i];
    const k = -s / e;
    prev.set(a);
    a[m - 1] = k;
    for (let i = 1; i < m; i++) a[i - 1] = prev[i - 1] + k * prev[m - i - 1];
    e *= 1 - k * k;
    if (!(e > 0)) break;
  }
  return true;
}

/** Roots of the previous frame of one utterance: they start the next solve (the polynomial changes slowly). */
export const newRootMemory = (): Float64Array => new Float64Array(2 * E.lpcOrder);

/** freqs and bandwidths: nFormants entries each. */
export function formantsFromAcf(
  r: ArrayLike<number>, freqs: Float64Array, bandwidths: Float64Array, lastRoots = newRootMemory(),
): void {
  const p = E.lpcOrder, fs = E.formantRate;
  freqs.fill(0);
  bandwidths.fill(0);
  const a = scratch.a;
  if (!levinson(r, p, a)) return;
  // z^p A(z) = z^p + a1 z^(p-1) + ... + ap, coefficients in ascending powers.
  const c = scratch.c, roots = scratch.roots;
  c[p] = 1;
  for (let i = 1; i <= p; i++) c[p - i] = -a[i - 1];
  let warm = false;
  for (let i = 0; i < 2 * p && !warm; i++) warm = lastRoots[i] !== 0;
  polyRoots(c, p, roots, 100, warm ? lastRoots : undefined);
  lastRoots.set(roots);
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
