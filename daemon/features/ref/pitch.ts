// Reference for wasm/assembly/pitch.ts: F0, voicing and HNR of one frame, in two passes as
// RAPT does (Talkin 1995). Coarse: nccf over all lags of xc, the signal decimated by
// `factor`, from atC; the candidate is the local maximum of r maximising
// r + octaveCost log2(maxLag/lag) (Praat's octave cost, favouring the shortest of equally
// periodic lags; Boersma, IFA Proc. 17, 1993). Fine: nccf of the full-rate x16 from
// factor * atC over +-factor lags around factor times the coarse lag. Both lags refined by
// parabolic interpolation. Voiced when the refined peak r >= threshold;
// HNR = 10 log10(r/(1 - r)), r <= 0.999 (Boersma 1993, eq. 4).
// out: [f0 Hz (0 if unvoiced), peak r, voiced 0/1, HNR dB (0 if unvoiced)].
import { nccf } from './nccf.ts';
import type { Tolerance } from './tolerance.ts';

/** For clear decisions; a peak near a tie or the threshold may flip between f32 and f64. */
export const pitchTolerance: Tolerance = { abs: 1e-3, rel: 1e-4 };

export interface PitchParams {
  /** Decimation of the coarse signal, and lags/window counted in its samples. */
  factor: number; win: number; minLag: number; maxLag: number;
  sampleRate: number; threshold: number; octaveCost: number; silenceMs: number;
}

/** Offset in [-0.5, 0.5] of the vertex of the parabola through (-1, a), (0, b), (1, c). */
function vertex(a: number, b: number, c: number): number {
  const d = a - 2 * b + c;
  return d < 0 ? Math.min(Math.max((0.5 * (a - c)) / d, -0.5), 0.5) : 0;
}

export function pitchFrame(xc: Float32Array, x16: Float32Array, atC: number, p: PitchParams, out: Float32Array): void {
  out.fill(0, 0, 4);
  let e0 = 0;
  for (let i = 0; i < p.win; i++) e0 += xc[atC + i] ** 2;
  if (e0 / p.win < p.silenceMs) return;
  const lo = p.minLag - 1;
  const r = new Float32Array(p.maxLag - lo + 2);
  nccf(xc, atC, p.win, lo, p.maxLag + 1, r);
  let best = -1, bestScore = -Infinity;
  for (let t = p.minLag; t <= p.maxLag; t++) {
    const v = r[t - lo];
    if (v > 0 && v >= r[t - lo - 1] && v > r[t - lo + 1]) {
      const score = v + p.octaveCost * Math.log2(p.maxLag / t);
      if (score > bestScore) [bestScore, best] = [score, t];
    }
  }
  if (best < 0) return;
  const f = p.factor;
  const l = Math.round(f * (best + vertex(r[best - lo - 1], r[best - lo], r[best - lo + 1])));
  const q = new Float32Array(2 * f + 1);
  nccf(x16, f * atC, f * p.win, l - f, l + f, q);
  let j = 1;
  for (let i = 2; i < 2 * f; i++) if (q[i] > q[j]) j = i;
  const dj = vertex(q[j - 1], q[j], q[j + 1]);
  const peak = Math.min(q[j] - 0.25 * (q[j - 1] - q[j + 1]) * dj, 1);
  const voiced = peak >= p.threshold;
  const rh = Math.min(peak, 0.999);
  out[0] = voiced ? p.sampleRate / (l - f + j + dj) : 0;
  out[1] = Math.max(peak, 0);
  out[2] = voiced ? 1 : 0;
  out[3] = voiced ? 10 * Math.log10(rh / (1 - rh)) : 0;
}
