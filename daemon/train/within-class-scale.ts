// Within-class scaling: every standardised feature divided by its pooled within-class
// standard deviation on the training rows, so each feature's unit is its spread inside an
// emotion rather than its spread overall. For shrinkage LDA this turns the scaled-identity
// shrinkage target into (approximately) the diagonal of the within-class covariance, the
// target Schäfer & Strimmer recommend ("A shrinkage approach to large-scale covariance
// matrix estimation", Stat. Appl. Genet. Mol. Biol. 4, 2005), while keeping the target a
// multiple of the identity, which the exact fit in the rows' span needs (gram-reduce.ts).
// Features whose values separate the emotions weigh more; none is dropped (unlike ANOVA
// selection). Fitted on training rows only; the factors fold into the standardiser or the
// rank-Gauss map, so the exported graph gains no node.
import type { Matrix } from './linalg.ts';

/**
 * A floor on the within-class standard deviation (standardised units, total 1): a feature
 * that nearly separates the training classes on its own would otherwise be scaled without
 * bound and dominate the fit.
 */
export const MIN_WITHIN_STD = 0.05;

/** 1 / pooled within-class std of each column of standardised rows z (0 for a constant column). */
export function withinClassFactors(z: Matrix, y: Int32Array, k: number): Float64Array {
  const n = z.rows, d = z.cols;
  const sums = new Float64Array(k * d), counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    counts[y[i]]++;
    const o = i * d, c = y[i] * d;
    for (let j = 0; j < d; j++) sums[c + j] += z.data[o + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) sums[c * d + j] /= Math.max(counts[c], 1);
  const sq = new Float64Array(d), total = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d, c = y[i] * d;
    for (let j = 0; j < d; j++) {
      sq[j] += (z.data[o + j] - sums[c + j]) ** 2;
      total[j] += z.data[o + j] ** 2;
    }
  }
  // A column that is 0 on every row (constant before standardising) stays 0 whatever its factor.
  return Float64Array.from(sq, (s, j) => (total[j] > 0 ? 1 / Math.max(Math.sqrt(s / Math.max(n, 1)), MIN_WITHIN_STD) : 1));
}

export function scaleColumnsInPlace(z: Matrix, factors: Float64Array): void {
  const d = z.cols;
  if (factors.length !== d) throw new RangeError(`${factors.length} factors for ${d} columns`);
  for (let i = 0; i < z.rows; i++) for (let j = 0; j < d; j++) z.data[i * d + j] *= factors[j];
}
