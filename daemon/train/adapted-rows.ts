// `eval --adapt running`: the held-out corpus heard as a device would hear it. Its
// utterances arrive in a seeded random order and each is classified after mapping with the
// running statistics of the ones before it (daemon/adapt/running-normaliser.ts, the same
// code the daemon runs), starting from the model's own training statistics. Labels are
// never used. The figures are reported apart from the strict ones.
import { RunningNormaliser, standardTarget } from '../adapt/running-normaliser.ts';
import { seedFromKey } from './augment.ts';
import { matrix, type Matrix } from './linalg.ts';
import type { TrainedModel } from './network.ts';
import { createRng, shuffle } from './rng.ts';

/** Rows `rows` of `x`, each mapped causally in a seeded order; output rows in the order given. */
export function runningAdaptedRows(x: Matrix, rows: readonly number[], model: TrainedModel, seed: number, key: string): Matrix {
  const d = x.cols;
  const out = matrix(rows.length, d);
  const order = [...rows.keys()];
  shuffle(order, createRng((seed ^ seedFromKey(key)) >>> 0));
  // A corpus-normalised model: the heard rows standardised on their own running statistics,
  // which start from the raw training rows'. Any other: mapped onto its training rows.
  const n = model.inputNormalisation;
  const norm = n ? new RunningNormaliser(n.prior.mean, n.prior.std, { target: standardTarget(d) }) : new RunningNormaliser(model.scaler.mean, model.scaler.std);
  for (const q of order) {
    const v = x.data.subarray(rows[q] * d, (rows[q] + 1) * d);
    out.data.set(norm.transform(v), q * d);
    norm.update(v);
  }
  return out;
}
