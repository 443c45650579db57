// 'linear-cv' chooses between logistic regression and shrinkage LDA by speaker-grouped
// inner CV on the training rows: the choice and its scores are recorded, the model fitted
// is the family chosen, and LDA's inner scores are the same in span coordinates as in the
// full feature space.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gram, reduceByGram } from '../../../daemon/train/gram-reduce.ts';
import { ldaInnerScores, trainLinearCv } from '../../../daemon/train/linear-select.ts';
import { takeRows } from '../../../daemon/train/linalg.ts';
import { innerFolds, LOGREG_C_GRID } from '../../../daemon/train/logreg-select.ts';
import { SHRINKAGE_GRID } from '../../../daemon/train/lda-select.ts';
import { fitModel } from '../../../daemon/train/models.ts';
import { innerChoice } from '../../../daemon/train/evaluate.ts';
import { applyStandardiser, fitStandardiser } from '../../../daemon/train/standardise.ts';
import { argmaxRows, predictProba } from '../../../daemon/train/network.ts';
import { syntheticClasses } from './synthetic.ts';

const data = syntheticClasses({ classes: 3, dims: 90, speakers: 6, perClassPerSpeaker: 6, separation: 0.5, seed: 4 });
const held = (i: number) => data.speakers[i] === 'spk5';
const trainIdx = [...data.y.keys()].filter((i) => !held(i)), testIdx = [...data.y.keys()].filter(held);
const train = {
  x: takeRows(data.x, trainIdx), y: Int32Array.from(trainIdx, (i) => data.y[i]),
  classes: data.classes, featureNames: data.featureNames, speakers: trainIdx.map((i) => data.speakers[i]),
};

test('the choice is the candidate with the best inner UAR, and the fitted member is that family', () => {
  const z = applyStandardiser(train.x, fitStandardiser(train.x));
  const fit = trainLinearCv(z, train.y, 3, {}, train.speakers);
  const entries = Object.entries(fit.info.innerUar);
  assert.is(entries.length, LOGREG_C_GRID.length + SHRINKAGE_GRID.length);
  const best = Math.max(...entries.map(([, v]) => v));
  const first = entries.find(([, v]) => v === best)![0];
  assert.ok(first.startsWith(`${fit.info.family} `), `${first} vs ${fit.info.family}`);
  assert.is(fit.network.kind, fit.info.family);
  assert.is(fit.network.layers[0].inDim, 90);
});

test('as a model kind: reproducible, and above chance on a held-out speaker', () => {
  const a = fitModel('linear-cv', train), b = fitModel('linear-cv', train);
  const xTest = takeRows(data.x, testIdx);
  assert.equal([...predictProba(a, xTest).data], [...predictProba(b, xTest).data]);
  const p = argmaxRows(predictProba(a, xTest));
  const acc = p.reduce((s, v, i) => s + (v === data.y[testIdx[i]] ? 1 : 0), 0) / p.length;
  assert.ok(acc > 0.5, `accuracy ${acc}`);
});

test('evaluation reports name the choice of a linear-cv model, and nothing for other kinds', () => {
  const m = fitModel('linear-cv', train);
  const info = m.info['linear-cv'] as { family: string; fit: { c?: number; shrinkage?: number } };
  const want = info.family === 'lda' ? `lda shrinkage=${info.fit.shrinkage}` : `logreg c=${info.fit.c}`;
  assert.is(innerChoice(m.info), want);
  assert.match(want, /^(lda shrinkage|logreg c)=0\.\d+$/);
  assert.is(innerChoice(fitModel('lda', train).info), undefined);
});

test('with fewer than 3 speakers there is nothing to choose on: logistic regression', () => {
  const two = [...train.y.keys()].filter((i) => ['spk0', 'spk1'].includes(train.speakers[i]));
  const x = takeRows(train.x, two);
  const z = applyStandardiser(x, fitStandardiser(x));
  const fit = trainLinearCv(z, Int32Array.from(two, (i) => train.y[i]), 3, {}, two.map((i) => train.speakers[i]));
  assert.is(fit.info.family, 'logreg');
  assert.equal(fit.info.innerUar, {});
});

test('LDA inner scores: span coordinates and full space agree', () => {
  const z = applyStandardiser(train.x, fitStandardiser(train.x));
  const folds = innerFolds(train.speakers);
  const full = ldaInnerScores(z, train.y, 3, folds, z.cols);
  const reduced = ldaInnerScores(reduceByGram(z, gram(z)).features, train.y, 3, folds, z.cols);
  assert.equal(reduced, full);
});

test.run();
