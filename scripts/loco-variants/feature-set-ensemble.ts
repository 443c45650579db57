// eGeMAPS and emotiond-extended-v2 logistic regressions, log-probabilities mixed with a
// weight on the extended-v2 model (0 = eGeMAPS alone, 1 = extended-v2 alone).
// Usage: npx tsx scripts/loco-variants/feature-set-ensemble.ts [C of the extended-v2 model, default 0.003]
import { argmaxOf, foldUar, heldOutFolds, loadCore4, logregProba, resultLine, standardised } from './common.ts';

const a = await loadCore4('egemaps'), b = await loadCore4('extended2');
if (a.ds.paths.join() !== b.ds.paths.join()) throw new Error('the two feature sets list different files');
const cExtended = Number(process.argv[2] ?? 0.003);
const weights = [0, 0.3, 0.5, 0.7, 1];
const uars = weights.map(() => [] as number[]);
for (const f of heldOutFolds(a)) {
  const y = Int32Array.from(f.train, (i) => a.ds.y[i]);
  const sa = standardised(a.ds.x, f), sb = standardised(b.ds.x, f);
  const pa = logregProba(sa.ztr, y, a.k, sa.zte, 0.1), pb = logregProba(sb.ztr, y, a.k, sb.zte, cExtended);
  weights.forEach((w, q) => {
    const score = (i: number, j: number) => (1 - w) * Math.log(pa.data[i * a.k + j]) + w * Math.log(pb.data[i * a.k + j]);
    uars[q].push(foldUar(a, f, argmaxOf(score, f.test.length, a.k)));
  });
  console.error(`${f.held} done`);
}
weights.forEach((w, q) => console.log(resultLine(`weight on extended-v2 ${w}`, a.corpora, uars[q])));
