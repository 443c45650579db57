// The model families beyond logistic regression and the MLP, on seeded synthetic data
// whose last two speakers are held out: each must generalise to unseen speakers, be
// reproducible under a seed, and keep the invariants its export relies on.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { anovaF, topK } from '../../../daemon/train/anova.ts';
import { cholesky, choleskySolveRows, inverseTransposeLower } from '../../../daemon/train/cholesky.ts';
import { trainLda } from '../../../daemon/train/lda.ts';
import { matrix, takeRows, type Matrix } from '../../../daemon/train/linalg.ts';
import { fitModel } from '../../../daemon/train/models.ts';
import { argmaxRows, predictProba, type ModelKind, type TrainedModel } from '../../../daemon/train/network.ts';
import { createRng } from '../../../daemon/train/rng.ts';
import { syntheticClasses } from './synthetic.ts';

const data = syntheticClasses({ classes: 4, dims: 16, speakers: 8, perClassPerSpeaker: 12, separation: 0.8, seed: 11 });
const held = (i: number) => ['spk6', 'spk7'].includes(data.speakers[i]);
const trainIdx = [...data.y.keys()].filter((i) => !held(i)), testIdx = [...data.y.keys()].filter(held);
const train = {
  x: takeRows(data.x, trainIdx), y: Int32Array.from(trainIdx, (i) => data.y[i]),
  classes: data.classes, featureNames: data.featureNames, speakers: trainIdx.map((i) => data.speakers[i]),
};
const xTest = takeRows(data.x, testIdx), yTest = testIdx.map((i) => data.y[i]);
const accuracy = (m: TrainedModel, x = xTest) => {
  const p = argmaxRows(predictProba(m, x));
  return p.reduce((a, v, i) => a + (v === yTest[i] ? 1 : 0), 0) / p.length;
};
const fast = { gbt: { rounds: 40, depth: 3 } };

for (const kind of ['lda', 'svm', 'rbf-svm', 'gbt'] as ModelKind[]) {
  test(`${kind} separates held-out speakers well above chance (0.25)`, () => {
    const acc = accuracy(fitModel(kind, train, fast));
    assert.ok(acc > (kind === 'gbt' ? 0.6 : 0.75), `accuracy ${acc}`);
  });
}

test('gbt and rbf-svm are reproducible under a seed; the gbt seed matters', () => {
  const probs = (m: TrainedModel) => [...predictProba(m, xTest).data];
  assert.equal(probs(fitModel('gbt', { ...train, seed: 3 }, fast)), probs(fitModel('gbt', { ...train, seed: 3 }, fast)));
  assert.not.equal(probs(fitModel('gbt', { ...train, seed: 3 }, fast)), probs(fitModel('gbt', { ...train, seed: 4 }, fast)));
  assert.equal(probs(fitModel('rbf-svm', { ...train, seed: 3 })), probs(fitModel('rbf-svm', { ...train, seed: 3 })));
});

test('trees split on float32 values: rows rounded to float32 get the same probabilities', () => {
  const m = fitModel('gbt', train, fast);
  const x32 = matrix(xTest.rows, xTest.cols, Float64Array.from(Float32Array.from(xTest.data)));
  assert.equal([...predictProba(m, x32).data], [...predictProba(m, xTest).data]);
});

test('gbt learns an interaction no linear model can (XOR of two features)', () => {
  const rng = createRng(5), n = 400;
  const x = matrix(n, 3), y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.next() - 0.5, b = rng.next() - 0.5;
    x.data.set([a, b, rng.normal()], i * 3);
    y[i] = (a > 0) !== (b > 0) ? 1 : 0;
  }
  const input = { x, y, classes: ['anger', 'neutral'], featureNames: ['a', 'b', 'noise'] };
  const acc = (m: TrainedModel) => argmaxRows(predictProba(m, x)).reduce((s, v, i) => s + (v === y[i] ? 1 : 0), 0) / n;
  assert.ok(acc(fitModel('gbt', input, { gbt: { rounds: 30, depth: 2, colsample: 1 } })) > 0.95);
  assert.ok(acc(fitModel('logreg', input)) < 0.7);
});

test('ANOVA F ranks an informative column first; selection keeps k columns, ascending', () => {
  const f = anovaF(train.x, train.y, 4);
  assert.is(f.length, 16);
  assert.ok([...f].every((v) => v >= 0 && Number.isFinite(v)));
  const x = matrix(train.x.rows, 2);
  for (let i = 0; i < x.rows; i++) x.data.set([train.y[i] + 0.01 * (i % 3), (i * 7919) % 13], i * 2);
  const f2 = anovaF(x, train.y, 4);
  assert.ok(f2[0] > 100 * f2[1]);
  assert.equal([...topK(Float64Array.from([3, 9, 1, 9, 5]), 3)], [1, 3, 4]);
  const m = fitModel('lda', train, { select: 5 });
  const first = m.members[0].layers[0];
  assert.is(first.type, 'select');
  assert.is(first.outDim, 5);
  assert.ok(accuracy(m) > 0.6);
});

test('LDA: Ledoit-Wolf shrinkage lies in [0, 1]; a fixed one is used as given', () => {
  const z = train.x; // scale does not matter for the estimate's range
  const auto = trainLda(z, train.y, 4, { shrinkage: 'auto' });
  assert.ok(auto.info.shrinkage >= 0 && auto.info.shrinkage <= 1, `${auto.info.shrinkage}`);
  assert.is(trainLda(z, train.y, 4, { shrinkage: 0.3 }).info.shrinkage, 0.3);
});

test('Cholesky: solves A x = b and gives L^-T for a random SPD matrix', () => {
  const rng = createRng(2), m = 6;
  const r: Matrix = matrix(m, m, Float64Array.from({ length: m * m }, () => rng.normal()));
  const a = matrix(m, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) for (let p = 0; p < m; p++) a.data[i * m + j] += r.data[i * m + p] * r.data[j * m + p] + (i === j && p === 0 ? 1 : 0);
  const { l } = cholesky(a, 0);
  const b = matrix(1, m, Float64Array.from({ length: m }, (_, i) => i - 2));
  const x = choleskySolveRows(l, b);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += a.data[i * m + j] * x.data[j];
    assert.ok(Math.abs(s - b.data[i]) < 1e-9);
  }
  const inv = inverseTransposeLower(l); // L^T L^-T = I
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += l.data[p * m + i] * inv.data[p * m + j];
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-9);
    }
  }
});

test('ensemble members are listed and averaged; an empty list is refused', () => {
  const m = fitModel('ensemble', train, { ...fast, members: ['lda', 'rbf-svm', 'gbt'] });
  assert.equal(m.members.map((n) => n.kind), ['lda', 'rbf-svm', 'gbt']);
  assert.equal(m.members.map((n) => n.input ?? 'standardised'), ['standardised', 'standardised', 'raw']);
  assert.ok(accuracy(m) > 0.7);
  assert.throws(() => fitModel('ensemble', train, { members: [] }), /at least one member/);
});

test.run();
