// Speaker adaptation for evaluation: every speaker's rows z-normalised with that speaker's
// own mean and standard deviation (test speakers included; labels are not used). A
// deployed model would need enrolment audio of each user to do the same, so figures
// computed this way are reported apart, labelled "with speaker adaptation", never as the
// speaker-independent figure (shared/datasets/README.md).
import type { Dataset } from './dataset.ts';
import { matrix, type Matrix } from './linalg.ts';

/** Per-group z-normalisation of the rows of x; a column constant within a group maps to 0. */
export function normaliseByGroup(x: Matrix, groups: readonly string[]): Matrix {
  const { rows, cols } = x;
  const out = matrix(rows, cols);
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => (members.get(g) ?? members.set(g, []).get(g)!).push(i));
  const mean = new Float64Array(cols), sq = new Float64Array(cols);
  for (const idx of members.values()) {
    mean.fill(0);
    sq.fill(0);
    for (const i of idx) for (let j = 0; j < cols; j++) mean[j] += x.data[i * cols + j];
    for (let j = 0; j < cols; j++) mean[j] /= idx.length;
    for (const i of idx) for (let j = 0; j < cols; j++) sq[j] += (x.data[i * cols + j] - mean[j]) ** 2;
    for (let j = 0; j < cols; j++) {
      const sd = Math.sqrt(sq[j] / idx.length);
      const s = sd > 1e-7 * Math.max(1, Math.abs(mean[j])) ? sd : Infinity;
      for (const i of idx) out.data[i * cols + j] = (x.data[i * cols + j] - mean[j]) / s;
    }
  }
  return out;
}

/** The dataset with every speaker normalised on its own; each augmented copy on its own statistics too. */
export function speakerAdapted(ds: Dataset): Dataset {
  return {
    ...ds,
    x: normaliseByGroup(ds.x, ds.speakers),
    augmented: ds.augmented.map((a) => ({ ...a, x: normaliseByGroup(a.x, ds.speakers) })),
  };
}
