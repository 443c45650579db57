// Training logistic regression in the span of the rows (gram-reduce.ts) must give the model
// that training on the features directly gives: same probabilities, same weights up to the
// optimiser's tolerance. And the inner choice of C must use training speakers only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gram, reduceByGram, subSquare } from '../../../daemon/train/gram-reduce.ts';
import { matmulBias, matrix, softmaxRows } from '../../../daemon/train/linalg.ts';
import { fitLogRegCore, trainLogReg } from '../../../daemon/train/logreg.ts';
import { innerFolds, selectC } from '../../../daemon/train/logreg-select.ts';
import { createRng } from '../../../daemon/train/rng.ts';

/** n rows of d standardised-looking features, k classes separated along a few directions. */
function data(n: number, d: number, k: number, seed = 3) {
  const rng = createRng(seed);
  const z = matrix(n, d), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    for (let j = 0; j < d; j++) z.data[i * d + j] = rng.normal() + (j % k === y[i] ? 0.8 : 0);
  }
  // Centre the columns, as the standardiser does (this makes the Gram matrix singular by one).
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += z.data[i * d + j];
    for (let i = 0; i < n; i++) z.data[i * d + j] -= m / n;
  }
  return { z, y };
}

test('gram and subSquare: Z Z^T, and its principal submatrix', () => {
  const z = matrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]));
  const g = gram(z);
  assert.equal([...g.data], [5, 11, 17, 11, 25, 39, 17, 39, 61]);
  assert.equal([...subSquare(g, [0, 2]).data], [5, 17, 17, 61]);
});

test('reduced and direct fits agree when features outnumber rows', () => {
  const { z, y } = data(40, 120, 3);
  const direct = fitLogRegCore(z, y, 3, 0.05, true, 2000);
  const r = reduceByGram(z, gram(z));
  assert.is(r.features.rows, 40);
  assert.is(r.features.cols, 40);
  const red = fitLogRegCore(r.features, y, 3, 0.05, true, 2000);
  const w = r.toPrimal(red.weights, 3);
  const pd = softmaxRows(matmulBias(z, direct.weights, 3, direct.bias));
  const pr = softmaxRows(matmulBias(z, w, 3, red.bias));
  let maxDiff = 0;
  for (let i = 0; i < pd.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(pd.data[i] - pr.data[i]));
  assert.ok(maxDiff < 1e-3, `probabilities differ by ${maxDiff}`);
  let num = 0, den = 0;
  for (let i = 0; i < w.length; i++) { num += (w[i] - direct.weights[i]) ** 2; den += direct.weights[i] ** 2; }
  assert.ok(Math.sqrt(num / den) < 1e-2, `weights differ by ${Math.sqrt(num / den)} (relative)`);
  assert.ok(Math.abs(red.loss - direct.loss) < 1e-4 * Math.abs(direct.loss), `${red.loss} vs ${direct.loss}`);
});

test('trainLogReg switches to the reduced fit by itself and records it', () => {
  const { z, y } = data(30, 90, 3);
  const fit = trainLogReg(z, y, 3, { c: 0.1 });
  assert.is(fit.info.reduced, true);
  assert.is(fit.network.layers[0].inDim, 90);
  const narrow = data(60, 10, 3);
  assert.is(trainLogReg(narrow.z, narrow.y, 3, { c: 0.1 }).info.reduced, undefined);
});

test('inner folds keep every speaker whole; C chosen from the grid, none with too few speakers', () => {
  const groups = Array.from({ length: 48 }, (_, i) => `s${i % 8}`);
  const folds = innerFolds(groups);
  assert.is(folds.length, 3);
  assert.is(folds.flat().length, 48);
  for (const f of folds) {
    const speakers = new Set(f.map((i) => groups[i]));
    for (const other of folds) if (other !== f) assert.ok(other.every((i) => !speakers.has(groups[i])));
  }
  const { z, y } = data(48, 100, 3, 5);
  const choice = selectC(z, gram(z), y, 3, groups, true, 300, [0.001, 0.1]);
  assert.ok(choice && [0.001, 0.1].includes(choice.c));
  assert.equal(Object.keys(choice!.scores), ['0.001', '0.1']);
  assert.is(selectC(z, gram(z), y, 3, groups.map((s) => (s < 's2' ? s : 's1')), true, 300), null);
  const cv = trainLogReg(z, y, 3, { c: 'cv' }, groups);
  assert.is(cv.info.requested, 'cv');
  assert.ok(cv.info.innerUar && Object.keys(cv.info.innerUar).length === 3);
});

test.run();
