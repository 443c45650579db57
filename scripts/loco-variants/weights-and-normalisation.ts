// The logistic-regression recipe's knobs under LOCO: C, row weights, how rows are
// standardised, a feature selection, and whether calm counts as neutral.
// Usage: npx tsx scripts/loco-variants/weights-and-normalisation.ts [--features egemaps|extended2]
//   [--c 0.01,0.1,1] [--weights class|corpus-class|speaker-class]
//   [--normalise strict|train-by-corpus|adapted] [--select N] [--calm-as-neutral]
// strict: train statistics for all rows; train-by-corpus: each training corpus on its own
// statistics, test rows on the pooled training statistics; adapted: the held-out corpus on
// its own statistics too (not strict). --select keeps the N columns with the largest ANOVA F
// on rows standardised per training corpus.
import { parseArgs } from 'node:util';
import { anovaF, topK } from '../../daemon/train/anova.ts';
import { cellBalancedWeights } from '../../daemon/train/class-weights.ts';
import { LABEL_PRESETS } from '../../daemon/train/labels.ts';
import { takeRows, type Matrix } from '../../daemon/train/linalg.ts';
import { selectColumns } from '../../daemon/train/network.ts';
import { normaliseByGroup } from '../../daemon/train/speaker-norm.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, logregProba, resultLine, standardised } from './common.ts';

const { values: o } = parseArgs({
  options: {
    features: { type: 'string', default: 'egemaps' }, c: { type: 'string', default: '0.1' },
    weights: { type: 'string', default: 'class' }, normalise: { type: 'string', default: 'strict' },
    select: { type: 'string' }, 'calm-as-neutral': { type: 'boolean', default: false },
  },
});
const d = await loadCore4(o.features, o['calm-as-neutral'] ? { ...LABEL_PRESETS.core4, calm: 'neutral' } : LABEL_PRESETS.core4);
const cs = o.c!.split(',').map(Number);
const byCorpus = (rows: number[]): Matrix => normaliseByGroup(takeRows(d.ds.x, rows), rows.map((i) => d.corpus[i]));
const cellOf: Record<string, (i: number) => string> = {
  class: (i) => `${d.ds.y[i]}`, 'corpus-class': (i) => `${d.corpus[i]}|${d.ds.y[i]}`, 'speaker-class': (i) => `${d.ds.speakers[i]}|${d.ds.y[i]}`,
};
const cell = cellOf[o.weights!];
if (!cell) throw new Error(`--weights ${o.weights}: expected ${Object.keys(cellOf).join(', ')}`);
const uars = cs.map(() => [] as number[]);
for (const f of heldOutFolds(d)) {
  let { ztr, zte } = standardised(d.ds.x, f);
  if (o.normalise !== 'strict') ztr = byCorpus(f.train);
  if (o.normalise === 'adapted') zte = byCorpus(f.test);
  else if (o.normalise !== 'strict' && o.normalise !== 'train-by-corpus') throw new Error(`--normalise ${o.normalise}: expected strict, train-by-corpus or adapted`);
  const y = Int32Array.from(f.train, (i) => d.ds.y[i]);
  if (o.select) {
    const keep = topK(anovaF(byCorpus(f.train), y, d.k), Number(o.select));
    ztr = selectColumns(ztr, keep);
    zte = selectColumns(zte, keep);
  }
  // Every weighting cell carries the same total weight; the mean row weight is 1.
  const w = cellBalancedWeights(f.train.map(cell));
  cs.forEach((c, q) => {
    const p = logregProba(ztr, y, d.k, zte, c, w);
    uars[q].push(foldUar(d, f, argmaxOf((i, j) => p.data[i * d.k + j], f.test.length, d.k)));
  });
}
cs.forEach((c, q) => console.log(resultLine(`${o.features} C ${c}, ${o.weights} weights, ${o.normalise}${o.select ? `, ${o.select} selected` : ''}${o['calm-as-neutral'] ? ', calm as neutral' : ''}`, d.corpora, uars[q])));
