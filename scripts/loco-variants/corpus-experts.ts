// One logistic regression per training corpus, each standardised on its own corpus, their
// log-probabilities averaged ("experts"), against the pooled model and the two mixed.
// Usage: npx tsx scripts/loco-variants/corpus-experts.ts [C, default 0.1]
import type { Matrix } from '../../daemon/train/linalg.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, logregProba, resultLine, standardised } from './common.ts';

const d = await loadCore4();
const c = Number(process.argv[2] ?? 0.1);
const proba = (train: number[], test: number[]): Matrix => {
  const { ztr, zte } = standardised(d.ds.x, { held: '', train, test });
  return logregProba(ztr, Int32Array.from(train, (i) => d.ds.y[i]), d.k, zte, c);
};
const rows: Record<string, number[]> = { pooled: [], experts: [], 'pooled and experts': [] };
for (const f of heldOutFolds(d)) {
  const pooled = proba(f.train, f.test);
  const experts = d.corpora.filter((x) => x !== f.held).map((x) => proba(f.train.filter((i) => d.corpus[i] === x), f.test));
  const lp = (p: Matrix, i: number, j: number) => Math.log(p.data[i * d.k + j]);
  const ex = (i: number, j: number) => experts.reduce((s, p) => s + lp(p, i, j), 0) / experts.length;
  const score = (fn: (i: number, j: number) => number) => foldUar(d, f, argmaxOf(fn, f.test.length, d.k));
  rows.pooled.push(score((i, j) => lp(pooled, i, j)));
  rows.experts.push(score(ex));
  rows['pooled and experts'].push(score((i, j) => (ex(i, j) + lp(pooled, i, j)) / 2));
}
for (const [name, u] of Object.entries(rows)) console.log(resultLine(`${name}, C ${c}`, d.corpora, u));
