// Statistics of one LLD contour, computed once (two passes, plus a sort on first use of a
// percentile) and read by every functional of it. A mask (e.g. the voiced column) selects
// the frames that count; with no selected frame every statistic is 0. f64 throughout.
// Definitions: population moments; skewness m3/s^3 and kurtosis m4/s^4 (not excess; both 0
// for a constant contour); percentiles interpolate linearly between order statistics at
// p (n - 1) (Hyndman & Fan type 7, numpy's default); positions are frame index /
// (frames - 1) within the whole utterance; the regression is over time in seconds (slope
// per second, offset at t = 0, error = mean squared residual, m2 - slope * cov(t, y));
// rising/falling slopes are the mean positive / negative differences between selected
// frames that are adjacent, per second.
import { sortFloat64 } from './sort-f64.ts';

export class ContourStats {
  readonly n: number = 0;
  readonly mean: number = 0;
  readonly std: number = 0;
  readonly skewness: number = 0;
  readonly kurtosis: number = 0;
  readonly min: number = 0;
  readonly max: number = 0;
  readonly minPos: number = 0;
  readonly maxPos: number = 0;
  readonly slope: number = 0;
  readonly offset: number = 0;
  readonly lineError: number = 0;
  readonly risingSlope: number = 0;
  readonly fallingSlope: number = 0;
  private readonly y: Float64Array;
  private sorted = false;

  constructor(contour: Float32Array, mask: Float32Array | null, frameRate: number) {
    const frames = contour.length;
    const y = (this.y = new Float64Array(frames));
    let n = 0, sum = 0, tsum = 0, lo = 0, hi = 0, loT = 0, hiT = 0;
    for (let i = 0; i < frames; i++) {
      if (mask && !(mask[i] > 0)) continue;
      const v = contour[i];
      if (n === 0 || v < lo) {
        lo = v;
        loT = i;
      }
      if (n === 0 || v > hi) {
        hi = v;
        hiT = i;
      }
      y[n++] = v;
      sum += v;
      tsum += i;
    }
    this.y = y.subarray(0, n);
    if (n === 0) return;
    const mean = sum / n, tm = tsum / n;
    let m2 = 0, m3 = 0, m4 = 0, sty = 0, stt = 0, up = 0, nUp = 0, down = 0, nDown = 0, prev = -2, last = 0;
    for (let i = 0; i < frames; i++) {
      if (mask && !(mask[i] > 0)) continue;
      const v = contour[i], d = v - mean, d2 = d * d, dt = i - tm;
      m2 += d2;
      m3 += d2 * d;
      m4 += d2 * d2;
      sty += dt * d;
      stt += dt * dt;
      if (prev === i - 1) {
        const s = v - last;
        if (s > 0) {
          up += s;
          nUp++;
        } else if (s < 0) {
          down += s;
          nDown++;
        }
      }
      prev = i;
      last = v;
    }
    m2 /= n;
    const std = Math.sqrt(m2);
    // Below this the contour is constant up to rounding: shape moments are 0.
    const flat = std <= 1e-12 * Math.max(1, Math.abs(mean));
    const slopePerFrame = stt > 0 ? sty / stt : 0;
    const span = Math.max(frames - 1, 1);
    Object.assign(this, {
      n, mean, std, min: lo, max: hi, minPos: loT / span, maxPos: hiT / span,
      skewness: flat ? 0 : m3 / n / (m2 * std),
      kurtosis: flat ? 0 : m4 / n / (m2 * m2),
      slope: slopePerFrame * frameRate,
      offset: mean - slopePerFrame * tm,
      lineError: Math.max(m2 - (slopePerFrame * sty) / n, 0),
      risingSlope: nUp ? (up / nUp) * frameRate : 0,
      fallingSlope: nDown ? (down / nDown) * frameRate : 0,
    });
  }

  percentile(p: number): number {
    const n = this.n;
    if (n === 0) return 0;
    if (!this.sorted) {
      sortFloat64(this.y);
      this.sorted = true;
    }
    const s = this.y, x = p * (n - 1), i = Math.floor(x), f = x - i;
    return i + 1 < n ? s[i] + f * (s[i + 1] - s[i]) : s[i];
  }
}
