// Gender-dependent standardisation: training rows standardised with the training statistics
// of their speaker's gender (labels.csv's gender column), test rows with those of the true
// gender (oracle) or of the gender a logistic regression trained on the training corpora
// predicts (strict). Tests whether F0 and formant differences between voices hide emotion.
// Usage: npx tsx scripts/loco-variants/gender-normalised.ts
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sharedCorpora } from '../../daemon/train/corpus.ts';
import { applyStandardiser, fitStandardiser, type Standardiser } from '../../daemon/train/standardise.ts';
import { matrix, takeRows, type Matrix } from '../../daemon/train/linalg.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, logregProba, resultLine, standardised } from './common.ts';

const d = await loadCore4();
const genderOf = new Map<string, number>();
for (const c of sharedCorpora()) {
  const [head, ...lines] = readFileSync(resolve(c.dir, 'labels.csv'), 'utf8').trim().split('\n');
  const col = head.split(',').indexOf('gender');
  for (const l of lines) { const f = l.split(','); genderOf.set(resolve(c.dir, f[0]), f[col] === 'f' ? 1 : 0); }
}
const gender = d.ds.paths.map((p) => {
  const g = genderOf.get(p);
  if (g === undefined) throw new Error(`no gender for ${p}`);
  return g;
});
function byGender(rows: number[], g: readonly number[], stats: Standardiser[]): Matrix {
  const out = matrix(rows.length, d.ds.x.cols);
  rows.forEach((row, i) => out.data.set(applyStandardiser(takeRows(d.ds.x, [row]), stats[g[i]]).data, i * out.cols));
  return out;
}
const res: Record<string, number[]> = { pooled: [], 'by gender, oracle': [], 'by gender, predicted': [], 'gender accuracy': [] };
for (const f of heldOutFolds(d)) {
  const y = Int32Array.from(f.train, (i) => d.ds.y[i]);
  const { ztr, zte } = standardised(d.ds.x, f);
  const top = (p: Matrix) => argmaxOf((i, j) => p.data[i * p.cols + j], p.rows, p.cols);
  res.pooled.push(foldUar(d, f, top(logregProba(ztr, y, d.k, zte, 0.1))));
  const gTrain = f.train.map((i) => gender[i]), gTest = f.test.map((i) => gender[i]);
  const gPred = top(logregProba(ztr, Int32Array.from(gTrain), 2, zte, 0.1));
  res['gender accuracy'].push(gPred.filter((g, i) => g === gTest[i]).length / gTest.length);
  const stats = [0, 1].map((g) => fitStandardiser(takeRows(d.ds.x, f.train.filter((i) => gender[i] === g))));
  const ztrG = byGender(f.train, gTrain, stats);
  for (const [name, g] of [['by gender, oracle', gTest], ['by gender, predicted', gPred]] as const) {
    res[name].push(foldUar(d, f, top(logregProba(ztrG, y, d.k, byGender(f.test, g, stats), 0.1))));
  }
}
for (const [name, u] of Object.entries(res)) console.log(resultLine(name, d.corpora, u));
