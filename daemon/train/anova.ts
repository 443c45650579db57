// Univariate feature ranking by the one-way ANOVA F statistic (scikit-learn's f_classif):
// between-class over within-class variance of each column. Fitted on a fold's training
// rows only, like every other statistic, so selection cannot peek at test speakers.
import type { Matrix } from './linalg.ts';

/** F statistic per column; a column constant within every class scores 0 rather than Inf/NaN. */
export function anovaF(x: Matrix, y: Int32Array, nClasses: number): Float64Array {
  const { rows: n, cols: d, data } = x;
  const counts = new Float64Array(nClasses);
  const sums = new Float64Array(nClasses * d);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    counts[y[i]]++;
    const o = i * d, so = y[i] * d;
    for (let j = 0; j < d; j++) { sums[so + j] += data[o + j]; mean[j] += data[o + j]; }
  }
  for (let j = 0; j < d; j++) mean[j] /= Math.max(n, 1);
  const present = counts.filter((c) => c > 0).length;
  const between = new Float64Array(d), within = new Float64Array(d);
  for (let c = 0; c < nClasses; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) {
      const diff = sums[c * d + j] / counts[c] - mean[j];
      between[j] += counts[c] * diff * diff;
    }
  }
  for (let i = 0; i < n; i++) {
    const o = i * d, so = y[i] * d, c = counts[y[i]];
    for (let j = 0; j < d; j++) {
      const diff = data[o + j] - sums[so + j] / c;
      within[j] += diff * diff;
    }
  }
  const dfB = Math.max(present - 1, 1), dfW = Math.max(n - present, 1);
  const f = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const w = within[j] / dfW;
    f[j] = w > 1e-300 ? (between[j] / dfB) / w : 0;
  }
  return f;
}

/** Indices of the `k` highest scores, ascending (ties broken by the lower index, so runs are reproducible). */
export function topK(scores: Float64Array, k: number): Int32Array {
  const idx = [...scores.keys()].sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(idx.slice(0, Math.max(1, Math.min(k, scores.length)))).sort();
}
