// Shrinkage LDA with more features than rows is fitted in the span of the rows
// (lda.ts): it must give the classifier the full-space formula gives, also on rows off
// that span (new speakers), and its inner choice of shrinkage must not change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cholesky, choleskySolveRows } from '../../../daemon/train/cholesky.ts';
import { gram, reduceByGram } from '../../../daemon/train/gram-reduce.ts';
import { classMeans, pooledCovariance, trainLda } from '../../../daemon/train/lda.ts';
import { selectShrinkage } from '../../../daemon/train/lda-select.ts';
import { matmulBias, matrix, type Matrix } from '../../../daemon/train/linalg.ts';
import { createRng } from '../../../daemon/train/rng.ts';

function rows(n: number, d: number, k: number, seed: number): { z: Matrix; y: Int32Array } {
  const rng = createRng(seed);
  const z = matrix(n, d), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    for (let j = 0; j < d; j++) z.data[i * d + j] = rng.normal() + (j % k === y[i] ? 0.7 : 0);
  }
  return { z, y };
}

/** LDA scores straight from the d x d formula: x Sigma^-1 mu_c - mu_c Sigma^-1 mu_c / 2. */
function directScores(z: Matrix, y: Int32Array, k: number, s: number, x: Matrix): Matrix {
  const { means } = classMeans(z, y, k);
  const { cov } = pooledCovariance(z, y, means, s);
  const w = choleskySolveRows(cholesky(cov).l, means);
  const d = z.cols, weights = new Float64Array(d * k), bias = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) {
      weights[j * k + c] = w.data[c * d + j];
      bias[c] -= 0.5 * w.data[c * d + j] * means.data[c * d + j];
    }
  }
  return matmulBias(x, weights, k, bias);
}

test('LDA fitted in the rows\' span scores like the full-space LDA, on rows off that span too', () => {
  const k = 3, { z, y } = rows(36, 100, k, 5);
  const fresh = rows(12, 100, k, 6).z;
  for (const s of [0.1, 0.5]) {
    const fit = trainLda(z, y, k, { shrinkage: s });
    assert.is(fit.info.reduced, true);
    const layer = fit.network.layers[0] as { inDim: number; weights: Float64Array; bias: Float64Array };
    assert.is(layer.inDim, 100);
    const got = matmulBias(fresh, layer.weights, k, layer.bias);
    const want = directScores(z, y, k, s, fresh);
    let maxDiff = 0, scale = 0;
    for (let i = 0; i < got.data.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(got.data[i] - want.data[i]));
      scale = Math.max(scale, Math.abs(want.data[i]));
    }
    assert.ok(maxDiff < 1e-6 * scale, `shrinkage ${s}: scores differ by ${maxDiff} (largest ${scale})`);
  }
});

test('the inner choice of shrinkage sees the same scores in span coordinates', () => {
  const k = 3, { z, y } = rows(48, 80, k, 9);
  const groups = Array.from({ length: 48 }, (_, i) => `s${Math.floor(i / 12)}`);
  const full = selectShrinkage(z, y, k, groups);
  const reduced = selectShrinkage(reduceByGram(z, gram(z)).features, y, k, groups, z.cols);
  assert.equal(reduced.scores, full.scores);
  assert.is(reduced.shrinkage, full.shrinkage);
});

test.run();
