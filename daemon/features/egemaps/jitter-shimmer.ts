// Jitter (local) and shimmer (local, dB) per 10 ms frame from the waveform and the smoothed
// F0, as openSMILE's cPitchJitter computes them for eGeMAPS (searchRangeRel 0.1, minCC 0.5,
// minNumPeriods 2). From where the previous frame stopped, consecutive pitch periods are
// matched: for lags T in [floor(0.9 T0), ceil(1.1 T0)] samples the Pearson correlation of
// x[s, s+T) with x[s+T, s+2T) is taken, its first/highest interior peak gives the period
// (parabolically refined, in seconds), s advances by it; periods whose peak correlation is
// above 0.5 count. Then (Eyben et al. 2016, sec. 3.1.1):
//   jitter  = mean |T_i - T_{i-1}| / mean T_i        (T_{i-1} may come from the last frame)
//   shimmer = 20 log10(1 + sum |A_i - A_{i+1}| / sum (A_i + A_{i+1})/2),
// A the peak-to-peak amplitude of a period. Both carry over the last value when a voiced
// frame yields no period, are 0 when unvoiced, and are capped at 1 (before the dB).
import { EGEMAPS as E } from './egemaps-config.ts';
import { parabolaPeak } from './pitch-candidates.ts';

/** cc[t - t0] = Pearson correlation of x[a, a+t) and x[a+t, a+2t), a an absolute sample index. */
export type XcorrScanFn = (a: number, t0: number, t1: number, out: Float64Array) => void;

/** The retained signal: x[i] is sample start + i. */
export interface SignalWindow {
  readonly x: Float32Array;
  readonly start: number;
}

/** Peak-to-peak amplitude of x[at+1, at+n-1). */
function amplitude(x: Float32Array, at: number, n: number): number {
  let hi = x[at + 1], lo = x[at + 1];
  for (let i = 1; i < n - 1; i++) {
    const v = x[at + i];
    if (v > hi) hi = v;
    if (v < lo) lo = v;
  }
  return hi - lo;
}

/**
 * Jitter and shimmer frame by frame, in order, carrying openSMILE's state between frames.
 * Reads the signal from readsFrom() on, so a stream may drop what lies before it.
 */
export class JitterTracker {
  private lastIdx = 0;
  private lastMis = 0;
  private lastT0 = 0;
  private lastJitter = 0;
  private lastShimmer = 0;
  private frame = 0;
  private cc = new Float64Array(256);
  private readonly vertex = new Float64Array(2);
  jitter = 0;
  shimmer = 0;

  reset(): void {
    this.lastIdx = this.lastMis = this.lastT0 = this.lastJitter = this.lastShimmer = this.frame = 0;
    this.jitter = this.shimmer = 0;
  }

  /** The first absolute sample the next frame can read. */
  readsFrom(): number {
    return Math.min(this.lastIdx, E.hop * this.frame);
  }

  /** The next frame, F0 in Hz (0 unvoiced); sets jitter and shimmer (dB). */
  next(F0: number, sig: () => SignalWindow, scan: XcorrScanFn): void {
    const hop = E.hop, lenF = E.longFrame, sr = E.sampleRate, f = this.frame++;
    const startV = hop * f;
    const toRead0 = hop + this.lastMis;
    let toRead = toRead0, maxRead = this.lastMis + lenF;
    let T0f = 0, T0minF = 0, T0maxF = 0;
    if (F0 > 0) {
      const tf = sr / F0;
      T0f = Math.round(tf);
      T0minF = Math.floor((1 - E.jitterSearch) * tf);
      T0maxF = Math.ceil((1 + E.jitterSearch) * tf);
      toRead = Math.max(toRead, E.jitterMinPeriods * T0maxF + E.jitterMinPeriods);
    }
    toRead = Math.min(toRead, maxRead);
    if (startV - this.lastMis !== this.lastIdx) {
      this.lastIdx = startV;
      toRead = Math.min(toRead, lenF);
      maxRead = Math.min(maxRead, lenF);
    }
    let nPeriods = 0, nLocal = 0, sumPeriod = 0, sumJitter = 0, sumAmp = 0, sumAmpDiff = 0;
    let lastPeriod = 0;
    if (F0 > 0) {
      const span = T0maxF - T0minF;
      if (span >= this.cc.length) this.cc = new Float64Array(span + 1);
      const cc = this.cc, vertex = this.vertex;
      const { x, start: base } = sig();
      let start = 0;
      while (start < toRead - 2 * T0maxF - 1) {
        scan(this.lastIdx + start, T0minF, T0maxF, cc);
        let maxI = -1, max = cc[T0f - T0minF];
        for (let i = 1; i < span - 1; i++) {
          if (cc[i - 1] < cc[i] && cc[i] > cc[i + 1] && (maxI === -1 || cc[i] > max)) {
            maxI = i;
            max = cc[i];
          }
        }
        if (maxI >= 0) {
          const pp = T0minF + maxI, os = start;
          start += pp;
          const a0 = amplitude(x, this.lastIdx + os - base, pp), a1 = amplitude(x, this.lastIdx + start - base, pp);
          parabolaPeak(maxI - 1, cc[maxI - 1], maxI, cc[maxI], maxI + 1, cc[maxI + 1], vertex);
          const xi = vertex[0], ccI = vertex[1];
          if (ccI > E.jitterMinCc) {
            const period = Math.abs(T0minF + xi) / sr;
            sumPeriod += period;
            nPeriods++;
            if (this.lastT0 > 0) {
              sumJitter += Math.abs(this.lastT0 - period);
              nLocal++;
            }
            this.lastT0 = period;
            sumAmp += (a0 + a1) / 2;
            sumAmpDiff += Math.abs(a0 - a1);
          }
        } else start += T0f;
        if (start < toRead0 - 1) lastPeriod = start;
      }
      this.lastMis = toRead0 - lastPeriod;
    } else {
      lastPeriod = toRead0;
      this.lastMis = 0;
      this.lastT0 = this.lastJitter = this.lastShimmer = 0;
    }
    this.lastIdx += lastPeriod;
    if (nPeriods > 0 && nLocal > 0 && F0 > 0) this.lastJitter = sumJitter / nLocal / (sumPeriod / nPeriods);
    if (nPeriods > 0 && F0 > 0) this.lastShimmer = sumAmp > 0 ? sumAmpDiff / sumAmp : 0;
    this.lastJitter = Math.min(this.lastJitter, 1);
    this.lastShimmer = Math.min(this.lastShimmer, 1);
    const carry = F0 > 0 && (nPeriods === 0 || nLocal > 0);
    this.jitter = carry ? this.lastJitter : 0;
    this.shimmer = F0 > 0 ? 20 * Math.log10(this.lastShimmer + 1) : 0;
  }
}

/** Pearson correlation of signal[a, a+n) and signal[b, b+n). */
export type XcorrFn = (a: number, b: number, n: number) => number;

/** Jitter and shimmer (dB) of every frame of a whole signal x; f0 in Hz per frame (0 unvoiced). */
export function jitterShimmer(x: Float32Array, f0: Float64Array, xcorr: XcorrFn, jitter: Float64Array, shimmer: Float64Array): void {
  const t = new JitterTracker(), sig: SignalWindow = { x, start: 0 };
  const scan: XcorrScanFn = (a, t0, t1, out) => {
    for (let p = t0; p <= t1; p++) out[p - t0] = xcorr(a, a + p, p);
  };
  for (let f = 0; f < f0.length; f++) {
    t.next(f0[f], () => sig, scan);
    jitter[f] = t.jitter;
    shimmer[f] = t.shimmer;
  }
}
