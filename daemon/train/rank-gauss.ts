// Rank-Gauss: every feature mapped through its own training distribution onto a standard
// normal (rank -> quantile level -> inverse normal CDF). Functionals are often heavy-tailed
// or skewed (durations, jitter, peak counts), and a few extreme utterances then dominate a
// linear model's fit and LDA's pooled covariance; after the map every feature is roughly
// Gaussian and outliers are bounded. The map is fitted on training rows only and stored as
// a piecewise-linear function per feature over a fixed number of quantile knots, so unseen
// values interpolate between knots (and stay at the end values outside them), and the ONNX
// graph computes the same function with elementwise ops (onnx-layers.ts).
import { matrix, type Matrix } from './linalg.ts';
import type { PiecewiseLayer } from './network.ts';

/** Knots per feature: a quantile resolution of 1/63, and 3 x 63 floats per feature in the graph. */
export const RANK_GAUSS_KNOTS = 64;

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error
 * below 1.2e-9), for p in (0, 1).
 */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseNormalCdf: p = ${p} is outside (0, 1)`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Knots (x) and their targets (y) of one feature from its sorted training values: `knots`
 * levels evenly spaced in rank, the value at each interpolated between order statistics,
 * the target the normal quantile of the rank's level (r + 0.5) / n. Equal knot values (a
 * feature with many identical values) merge into one knot with their targets' mean.
 */
export function quantileKnots(sorted: Float64Array, knots: number): { x: number[]; y: number[] } {
  const n = sorted.length, levels = Math.max(1, Math.min(knots, n));
  const x: number[] = [], sum: number[] = [], count: number[] = [];
  for (let k = 0; k < levels; k++) {
    const r = levels === 1 ? (n - 1) / 2 : (k * (n - 1)) / (levels - 1);
    const lo = Math.floor(r), hi = Math.min(n - 1, lo + 1), f = r - lo;
    // Knots are float32 values, as the features the graph reads are: x - knot is then exact
    // up to float32 rounding of the difference, so steep segments (knots close together)
    // cannot amplify rounding error into the output.
    const v = Math.fround(sorted[lo] + (sorted[hi] - sorted[lo]) * f);
    const target = inverseNormalCdf((r + 0.5) / n);
    if (x.length && v === x[x.length - 1]) { sum[sum.length - 1] += target; count[count.length - 1]++; }
    else { x.push(v); sum.push(target); count.push(1); }
  }
  return { x, y: sum.map((s, i) => s / count[i]) };
}

/**
 * Fits the map on raw training rows `z` (the features as the graph receives them, not
 * standardised: see quantileKnots) and rescales its outputs to zero mean and unit variance
 * on those rows, so what follows sees standardised features as before. A feature constant
 * on the training rows maps to 0.
 */
export function fitRankGauss(z: Matrix, knots = RANK_GAUSS_KNOTS): PiecewiseLayer {
  if (!Number.isInteger(knots) || knots < 2) throw new RangeError(`rank-Gauss needs at least 2 knots per feature, got ${knots}`);
  const n = z.rows, d = z.cols, segments = knots - 1;
  const layer: PiecewiseLayer = {
    type: 'piecewise', inDim: d, outDim: d, segments,
    starts: new Float64Array(d * segments), widths: new Float64Array(d * segments),
    slopes: new Float64Array(d * segments), base: new Float64Array(d),
  };
  const col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = z.data[i * d + j];
    col.sort();
    const { x, y } = quantileKnots(col, knots);
    layer.base[j] = y[0];
    for (let s = 0; s + 1 < x.length; s++) {
      const o = j * segments + s;
      layer.starts[o] = x[s];
      layer.widths[o] = x[s + 1] - x[s];
      layer.slopes[o] = (y[s + 1] - y[s]) / (x[s + 1] - x[s]);
    }
    // Unused segments (merged knots) keep width and slope 0 and start at the last knot.
    for (let s = Math.max(0, x.length - 1); s < segments; s++) layer.starts[j * segments + s] = x[x.length - 1];
  }
  // Standardise the outputs on the training rows by folding mean and std into base and slopes.
  const out = piecewiseForward(layer, z);
  for (let j = 0; j < d; j++) {
    let mean = 0, sq = 0;
    for (let i = 0; i < n; i++) mean += out.data[i * d + j];
    mean /= Math.max(n, 1);
    for (let i = 0; i < n; i++) sq += (out.data[i * d + j] - mean) ** 2;
    const sd = Math.sqrt(sq / Math.max(n, 1));
    const scale = sd > 1e-9 ? 1 / sd : 0;
    layer.base[j] = (layer.base[j] - mean) * scale;
    for (let s = 0; s < segments; s++) layer.slopes[j * segments + s] *= scale;
  }
  return layer;
}

/**
 * base + sum over segments of slope * min(max(x - start, 0), width): the interpolation
 * between knots, constant outside them; the ONNX graph computes this same sum.
 */
export function piecewiseForward(layer: PiecewiseLayer, z: Matrix): Matrix {
  const d = layer.inDim, S = layer.segments;
  if (z.cols !== d) throw new RangeError(`piecewise layer has ${d} inputs, data ${z.cols}`);
  const out = matrix(z.rows, d);
  for (let i = 0; i < z.rows; i++) {
    for (let j = 0; j < d; j++) {
      const v = z.data[i * d + j];
      let y = layer.base[j];
      for (let s = 0, o = j * S; s < S; s++, o++) {
        const t = v - layer.starts[o];
        if (t <= 0) break; // starts ascend: no later segment is reached either
        y += layer.slopes[o] * Math.min(t, layer.widths[o]);
      }
      out.data[i * d + j] = y;
    }
  }
  return out;
}
