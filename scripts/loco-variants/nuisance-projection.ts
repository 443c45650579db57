// Nuisance attribute projection: the r directions along which the training corpora's
// class means differ most from the pooled class means (within class, so emotion itself is
// not the target) are projected out of every row before the logistic regression.
// Usage: npx tsx scripts/loco-variants/nuisance-projection.ts [r list, default 0,1,2,3]
import type { Matrix } from '../../daemon/train/linalg.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, logregProba, resultLine, standardised, type HeldOut } from './common.ts';

const d = await loadCore4();
const dim = d.ds.x.cols;

/** Scatter of the corpus-by-class means about the class means, weighted by row count. */
function nuisanceScatter(z: Matrix, f: HeldOut): Float64Array {
  const sum = new Map<string, { s: Float64Array; n: number }>(), cls = new Map<number, { s: Float64Array; n: number }>();
  const add = <K>(m: Map<K, { s: Float64Array; n: number }>, key: K, v: Float64Array) => {
    const e = m.get(key) ?? { s: new Float64Array(dim), n: 0 };
    for (let j = 0; j < dim; j++) e.s[j] += v[j];
    e.n++;
    m.set(key, e);
  };
  f.train.forEach((row, i) => {
    const v = z.data.subarray(i * dim, (i + 1) * dim), y = d.ds.y[row];
    add(sum, `${d.corpus[row]}|${y}`, v);
    add(cls, y, v);
  });
  const scatter = new Float64Array(dim * dim);
  for (const [key, { s, n }] of sum) {
    const c = cls.get(Number(key.split('|')[1]))!;
    const v = Float64Array.from({ length: dim }, (_, j) => s[j] / n - c.s[j] / c.n);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) scatter[a * dim + b] += n * v[a] * v[b];
  }
  return scatter;
}

/** The r leading eigenvectors by power iteration with deflation. */
function leading(scatter: Float64Array, r: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let q = 0; q < r; q++) {
    let u = Float64Array.from({ length: dim }, (_, j) => Math.sin(j + 1 + q));
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(dim);
      for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) w[a] += scatter[a * dim + b] * u[b];
      for (const p of out) {
        let t = 0;
        for (let j = 0; j < dim; j++) t += w[j] * p[j];
        for (let j = 0; j < dim; j++) w[j] -= t * p[j];
      }
      const norm = Math.hypot(...w);
      if (norm < 1e-12) break;
      u = w.map((x) => x / norm);
    }
    out.push(u);
  }
  return out;
}

function project(z: Matrix, dirs: Float64Array[]): void {
  for (let i = 0; i < z.rows; i++) {
    const v = z.data.subarray(i * dim, (i + 1) * dim);
    for (const p of dirs) {
      let t = 0;
      for (let j = 0; j < dim; j++) t += v[j] * p[j];
      for (let j = 0; j < dim; j++) v[j] -= t * p[j];
    }
  }
}

for (const r of (process.argv[2] ?? '0,1,2,3').split(',').map(Number)) {
  const uars = heldOutFolds(d).map((f) => {
    const { ztr, zte } = standardised(d.ds.x, f);
    const dirs = r ? leading(nuisanceScatter(ztr, f), r) : [];
    project(ztr, dirs);
    project(zte, dirs);
    const p = logregProba(ztr, Int32Array.from(f.train, (i) => d.ds.y[i]), d.k, zte, 0.1);
    return foldUar(d, f, argmaxOf((i, j) => p.data[i * d.k + j], f.test.length, d.k));
  });
  console.log(resultLine(`${r} directions projected out`, d.corpora, uars));
}
