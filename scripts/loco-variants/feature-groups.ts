// eGeMAPS with column groups dropped (-REGEX drops every column whose name matches) or
// loudness made gain-free ("relloud": loudness functionals as ratios to the mean loudness,
// spectral flux over squared loudness, in place of nothing: add -loudness to drop the levels).
// Usage: npx tsx scripts/loco-variants/feature-groups.ts VARIANT... e.g. '' '-VoicedSegments|UnvoicedSegment|voicedSegmentsPerSec' '-loudness,relloud'
import { matrix, type Matrix } from '../../daemon/train/linalg.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, logregProba, resultLine, standardised } from './common.ts';

const d = await loadCore4();
const names = d.ds.featureNames, dim = d.ds.x.cols;
const RELATIVE = ['percentile20.0', 'percentile50.0', 'percentile80.0', 'pctlrange0-2', 'meanRisingSlope', 'meanFallingSlope', 'stddevRisingSlope', 'stddevFallingSlope'].map((s) => `loudness_sma3_${s}`);

function build(variant: string): Matrix {
  const drops = variant.split(',').filter((p) => p.startsWith('-')).map((p) => new RegExp(p.slice(1)));
  const kept = names.map((n, j) => [n, j] as const).filter(([n]) => !drops.some((re) => re.test(n))).map(([, j]) => j);
  const col = (n: string) => names.indexOf(n);
  const extra = variant.includes('relloud') ? RELATIVE.length + 2 : 0;
  const x = matrix(d.ds.x.rows, kept.length + extra);
  for (let i = 0; i < x.rows; i++) {
    const v = (n: string) => d.ds.x.data[i * dim + col(n)];
    const out: number[] = kept.map((j) => d.ds.x.data[i * dim + j]);
    if (extra) {
      const mean = v('loudness_sma3_amean') + 1e-6;
      out.push(...RELATIVE.map((n) => v(n) / mean), v('loudness_sma3_stddevNorm'), Math.log(v('spectralFlux_sma3_amean') / (mean * mean) + 1e-6));
    }
    x.data.set(out, i * x.cols);
  }
  return x;
}

for (const variant of process.argv.slice(2)) {
  const x = build(variant);
  const uars = heldOutFolds(d).map((f) => {
    const { ztr, zte } = standardised(x, f);
    const p = logregProba(ztr, Int32Array.from(f.train, (i) => d.ds.y[i]), d.k, zte, 0.1);
    return foldUar(d, f, argmaxOf((i, j) => p.data[i * d.k + j], f.test.length, d.k));
  });
  console.log(resultLine(`'${variant}' (${x.cols} features)`, d.corpora, uars));
}
