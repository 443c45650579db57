// F0, voicing and HNR of one frame from the normalised cross-correlation (nccf.ts), in two
// passes as RAPT does (Talkin 1995): a coarse search over all lags of a signal decimated by
// `factor` (decimate.ts), then the best lag refined at full rate over +-factor lags. The
// candidate is the local maximum of r maximising r + octaveCost * log2(maxLag/lag), Praat's
// octave cost favouring the shortest of equally periodic lags (Boersma, IFA Proc. 17, 1993);
// both lags are refined by parabolic interpolation. Voiced when the refined peak
// r >= threshold; HNR = 10 log10(r / (1 - r)) with r <= 0.999 (Boersma 1993, eq. 4).
// sc: coarse window start; s16: full-rate start (factor times further in its signal).
// out: [f0 Hz (0 if unvoiced), peak r, voiced 0/1, HNR dB (0 if unvoiced)].
// scratch: maxLag - minLag + 2 factor + 8 floats. Reference: daemon/features/ref/pitch.ts
import { energy64 } from './energy64.ts';
import { nccfWithEnergy } from './nccf.ts';

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

/** Offset in [-0.5, 0.5] of the vertex of the parabola through (-1, a), (0, b), (1, c). */
function vertex(a: f32, b: f32, c: f32): f32 {
  const d = a - 2 * b + c;
  return d < 0 ? min(max(<f32>0.5 * (a - c) / d, <f32>-0.5), <f32>0.5) : 0;
}

/** The lag in [minLag, maxLag] of the best-scoring local maximum of r, or -1. */
function bestLag(r: usize, lo: i32, minLag: i32, maxLag: i32, octaveCost: f32): i32 {
  let best = -1;
  let bestScore: f32 = -Infinity;
  for (let t = minLag; t <= maxLag; t++) {
    const v = at(r, t - lo);
    if (v > 0 && v >= at(r, t - lo - 1) && v > at(r, t - lo + 1)) {
      const score = v + octaveCost * Mathf.log2(<f32>maxLag / <f32>t);
      if (score > bestScore) { bestScore = score; best = t; }
    }
  }
  return best;
}

export function pitchFrame(
  sc: usize, s16: usize, factor: i32, win: i32, minLag: i32, maxLag: i32, sampleRate: f32,
  threshold: f32, octaveCost: f32, silenceMs: f32, scratch: usize, out: usize,
): void {
  const lo = minLag - 1;
  const e0 = energy64(sc, win);
  memory.fill(out, 0, 16);
  if (<f32>e0 / <f32>win < silenceMs) return;
  nccfWithEnergy(sc, win, e0, lo, maxLag + 1, scratch);
  const best = bestLag(scratch, lo, minLag, maxLag, octaveCost);
  if (best < 0) return;
  const coarse = <f32>best + vertex(at(scratch, best - lo - 1), at(scratch, best - lo), at(scratch, best - lo + 1));
  const l = <i32>Mathf.round(<f32>factor * coarse);
  const q = scratch + (<usize>(maxLag - lo + 3) << 2);
  const w16 = factor * win;
  nccfWithEnergy(s16, w16, energy64(s16, w16), l - factor, l + factor, q);
  let j = 1;
  for (let i = 2; i < 2 * factor; i++) if (at(q, i) > at(q, j)) j = i;
  const a = at(q, j - 1), b = at(q, j), c = at(q, j + 1);
  const dj = vertex(a, b, c);
  const r = min(b - <f32>0.25 * (a - c) * dj, <f32>1);
  const voiced = r >= threshold;
  const rh = min(r, <f32>0.999);
  store<f32>(out, voiced ? sampleRate / (<f32>(l - factor + j) + dj) : 0);
  store<f32>(out, max(r, <f32>0), 4);
  store<f32>(out, voiced ? 1 : 0, 8);
  store<f32>(out, voiced ? <f32>10 * Mathf.log10(rh / (1 - rh)) : 0, 12);
}
