// The rows a model is fitted on: the chosen original rows plus, when the dataset carries
// augmented copies, the same rows of every copy. Copies keep their speaker's id, so
// anything split by speaker (the MLP's early stopping) keeps a voice and its copies together;
// `copy` says which copy a row is (0: the recording itself).
import type { Dataset } from './dataset.ts';
import { matrix, type Matrix } from './linalg.ts';

export function trainingSet(
  ds: Pick<Dataset, 'x' | 'y' | 'speakers' | 'augmented'>, rows: ArrayLike<number>,
): { x: Matrix; y: Int32Array; speakers: string[]; copy: Int32Array } {
  const d = ds.x.cols, sources = [ds.x, ...ds.augmented.map((a) => a.x)];
  const n = rows.length * sources.length;
  const x = matrix(n, d), y = new Int32Array(n), speakers: string[] = [], copy = new Int32Array(n);
  let r = 0;
  for (const [s, src] of sources.entries()) {
    for (let q = 0; q < rows.length; q++, r++) {
      copy[r] = s;
      const i = rows[q];
      x.data.set(src.data.subarray(i * d, (i + 1) * d), r * d);
      y[r] = ds.y[i];
      speakers.push(ds.speakers[i]);
    }
  }
  return { x, y, speakers, copy };
}
