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

// Scratch: correlations over the lag range (a few dozen lags) and a parabola vertex.
const ccBuf = new Float64Array(256), vertex = new Float64Array(2);

/** Pearson correlation of signal[a, a+n) and signal[b, b+n). */
export type XcorrFn = (a: number, b: number, n: number) => number;

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

/** jitter and shimmer (dB) per frame; f0 in Hz per frame (0 unvoiced). */
export function jitterShimmer(x: Float32Array, f0: Float64Array, xcorr: XcorrFn, jitter: Float64Array, shimmer: Float64Array): void {
  const hop = E.hop, lenF = E.longFrame, sr = E.sampleRate;
  let lastIdx = 0, lastMis = 0, lastT0 = 0, lastJitter = 0, lastShimmer = 0;
  for (let f = 0; f < f0.length; f++) {
    const F0 = f0[f], startV = hop * f;
    const toRead0 = hop + lastMis;
    let toRead = toRead0, maxRead = lastMis + lenF;
    let T0f = 0, T0minF = 0, T0maxF = 0;
    if (F0 > 0) {
      const tf = sr / F0;
      T0f = Math.round(tf);
      T0minF = Math.floor((1 - E.jitterSearch) * tf);
      T0maxF = Math.ceil((1 + E.jitterSearch) * tf);
      toRead = Math.max(toRead, E.jitterMinPeriods * T0maxF + E.jitterMinPeriods);
    }
    toRead = Math.min(toRead, maxRead);
    if (startV - lastMis !== lastIdx) {
      lastIdx = startV;
      toRead = Math.min(toRead, lenF);
      maxRead = Math.min(maxRead, lenF);
    }
    let nPeriods = 0, nLocal = 0, sumPeriod = 0, sumJitter = 0, sumAmp = 0, sumAmpDiff = 0;
    let lastPeriod = 0;
    if (F0 > 0) {
      const span = T0maxF - T0minF, cc = span < ccBuf.length ? ccBuf : new Float64Array(span + 1);
      let start = 0;
      while (start < toRead - 2 * T0maxF - 1) {
        for (let t = T0minF; t <= T0maxF; t++) cc[t - T0minF] = xcorr(lastIdx + start, lastIdx + start + t, t);
        let maxI = -1, max = cc[T0f - T0minF];
        for (let i = 1; i < span - 1; i++) {
          if (cc[i - 1] < cc[i] && cc[i] > cc[i + 1] && (maxI === -1 || cc[i] > max)) [maxI, max] = [i, cc[i]];
        }
        if (maxI >= 0) {
          const pp = T0minF + maxI, os = start;
          start += pp;
          const a0 = amplitude(x, lastIdx + os, pp), a1 = amplitude(x, lastIdx + start, pp);
          parabolaPeak(maxI - 1, cc[maxI - 1], maxI, cc[maxI], maxI + 1, cc[maxI + 1], vertex);
          const xi = vertex[0], ccI = vertex[1];
          if (ccI > E.jitterMinCc) {
            const period = Math.abs(T0minF + xi) / sr;
            sumPeriod += period;
            nPeriods++;
            if (lastT0 > 0) {
              sumJitter += Math.abs(lastT0 - period);
              nLocal++;
            }
            lastT0 = period;
            sumAmp += (a0 + a1) / 2;
            sumAmpDiff += Math.abs(a0 - a1);
          }
        } else start += T0f;
        if (start < toRead0 - 1) lastPeriod = start;
      }
      lastMis = toRead0 - lastPeriod;
    } else {
      lastPeriod = toRead0;
      lastMis = 0;
      lastT0 = lastJitter = lastShimmer = 0;
    }
    lastIdx += lastPeriod;
    if (nPeriods > 0 && nLocal > 0 && F0 > 0) lastJitter = sumJitter / nLocal / (sumPeriod / nPeriods);
    if (nPeriods > 0 && F0 > 0) lastShimmer = sumAmp > 0 ? sumAmpDiff / sumAmp : 0;
    lastJitter = Math.min(lastJitter, 1);
    lastShimmer = Math.min(lastShimmer, 1);
    const carry = F0 > 0 && (nPeriods === 0 || nLocal > 0);
    jitter[f] = carry ? lastJitter : 0;
    shimmer[f] = F0 > 0 ? 20 * Math.log10(lastShimmer + 1) : 0;
  }
}
