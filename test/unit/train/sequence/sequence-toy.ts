// A separable toy problem for frame models: each class leaves a different trace in time
// (a burst in one column, a fast oscillation in another, a slow rise), at a random
// position, on top of noise and a per-speaker offset. Mean-only statistics of the whole
// sequence separate it poorly; a temporal model with max pooling separates it easily.
import { createRng } from '../../../../daemon/train/rng.ts';
import type { SequenceSet } from '../../../../daemon/train/sequence/train-cnn.ts';

export const TOY_CLASSES = ['burst', 'wobble', 'rise'];
export const TOY_COLUMNS = ['c0', 'c1', 'c2', 'c3'];

export function toySequences(opts: { speakers: number; perClass: number; seed: number; minFrames?: number; maxFrames?: number }): SequenceSet & { speakers: string[] } {
  const rng = createRng(opts.seed);
  const c = TOY_COLUMNS.length, lo = opts.minFrames ?? 60, hi = opts.maxFrames ?? 140;
  const seqs: Float32Array[] = [], y: number[] = [], speakers: string[] = [];
  for (let s = 0; s < opts.speakers; s++) {
    const offset = Array.from({ length: c }, () => rng.normal() * 0.5);
    for (let k = 0; k < TOY_CLASSES.length; k++) {
      for (let i = 0; i < opts.perClass; i++) {
        const t = lo + rng.int(hi - lo + 1);
        const x = new Float32Array(t * c);
        for (let f = 0; f < t; f++) for (let j = 0; j < c; j++) x[f * c + j] = 10 + offset[j] + rng.normal();
        const at = rng.int(t - 20);
        for (let f = at; f < at + 20; f++) {
          if (k === 0) x[f * c] += 4;
          else if (k === 1) x[f * c + 1] += 3 * (f % 2 ? 1 : -1);
          else x[f * c + 2] += 0.2 * (f - at) - 2;
        }
        seqs.push(x); y.push(k); speakers.push(`s${s}`);
      }
    }
  }
  return { columns: TOY_COLUMNS, seqs, y: Int32Array.from(y), speakers };
}
