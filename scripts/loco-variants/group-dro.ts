// Group distributionally robust optimisation over the training corpora: the logistic
// regression is refitted with each corpus's share of the weight multiplied by
// exp(eta * its training loss), so the corpora it fits worst count more (Sagawa et al.
// 2020, in its simple reweighting form). Round 1 is every corpus weighted equally.
// Usage: npx tsx scripts/loco-variants/group-dro.ts [eta, default 1] [rounds, default 10]
import { fitLogRegCore } from '../../daemon/train/logreg.ts';
import { matmulBias, softmaxRows } from '../../daemon/train/linalg.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, resultLine, standardised } from './common.ts';

const d = await loadCore4();
const eta = Number(process.argv[2] ?? 1), rounds = Math.max(1, Number(process.argv[3] ?? 10));
const uars: number[] = [];
for (const f of heldOutFolds(d)) {
  const { ztr, zte } = standardised(d.ds.x, f);
  const y = Int32Array.from(f.train, (i) => d.ds.y[i]), g = f.train.map((i) => d.corpus[i]);
  const groups = [...new Set(g)];
  // Within a corpus the classes are balanced; across corpora the share q decides.
  const cells = new Map<string, number>();
  f.train.forEach((_, i) => cells.set(`${g[i]}|${y[i]}`, (cells.get(`${g[i]}|${y[i]}`) ?? 0) + 1));
  const classesIn = (grp: string) => [...cells.keys()].filter((c) => c.startsWith(`${grp}|`)).length;
  let q = new Map(groups.map((x) => [x, 1 / groups.length]));
  let fit!: ReturnType<typeof fitLogRegCore>;
  for (let r = 0; r < rounds; r++) {
    const w = Float64Array.from(y, (c, i) => q.get(g[i])! / (classesIn(g[i]) * cells.get(`${g[i]}|${c}`)!) * y.length);
    fit = fitLogRegCore(ztr, y, d.k, 0.1, w, 300);
    const p = softmaxRows(matmulBias(ztr, fit.weights, d.k, fit.bias));
    const loss = new Map(groups.map((x) => [x, 0])), n = new Map(groups.map((x) => [x, 0]));
    y.forEach((c, i) => {
      loss.set(g[i], loss.get(g[i])! - Math.log(Math.max(1e-12, p.data[i * d.k + c])));
      n.set(g[i], n.get(g[i])! + 1);
    });
    const next = groups.map((x) => q.get(x)! * Math.exp(eta * loss.get(x)! / n.get(x)!));
    const total = next.reduce((a, b) => a + b, 0);
    q = new Map(groups.map((x, i) => [x, next[i] / total]));
  }
  const p = softmaxRows(matmulBias(zte, fit.weights, d.k, fit.bias));
  uars.push(foldUar(d, f, argmaxOf((i, j) => p.data[i * d.k + j], f.test.length, d.k)));
  console.error(`${f.held}: final corpus weights ${[...q].map(([x, v]) => `${x} ${v.toFixed(2)}`).join(', ')}`);
}
console.log(resultLine(`group DRO, eta ${eta}, ${rounds} rounds`, d.corpora, uars));
