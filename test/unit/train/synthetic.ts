// Seeded Gaussian classes standing in for real feature matrices, so the training code
// is tested on its own. Each speaker shifts all of its rows by an offset of its own,
// as real voices do, which is what speaker-independent splits have to cope with.
import { matrix, type Matrix } from '../../../daemon/train/linalg.ts';
import { createRng } from '../../../daemon/train/rng.ts';

export interface SyntheticData {
  x: Matrix;
  y: Int32Array;
  classes: string[];
  featureNames: string[];
  speakers: string[];
}

export function syntheticClasses(opts: {
  classes?: number; dims?: number; speakers?: number; perClassPerSpeaker?: number;
  separation?: number; speakerShift?: number; seed?: number;
} = {}): SyntheticData {
  const k = opts.classes ?? 4, d = opts.dims ?? 12, s = opts.speakers ?? 6;
  const per = opts.perClassPerSpeaker ?? 10, sep = opts.separation ?? 1.5;
  const shift = opts.speakerShift ?? 0.5;
  const rng = createRng(opts.seed ?? 7);
  const centres = Array.from({ length: k }, () => Float64Array.from({ length: d }, () => rng.normal() * sep));
  const offsets = Array.from({ length: s }, () => Float64Array.from({ length: d }, () => rng.normal() * shift));
  const n = k * s * per;
  const x = matrix(n, d);
  const y = new Int32Array(n);
  const speakers: string[] = [];
  let r = 0;
  for (let sp = 0; sp < s; sp++) {
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < per; i++, r++) {
        // Features on different scales (x 1..100, offset 50) so standardisation matters.
        for (let j = 0; j < d; j++) {
          x.data[r * d + j] = (centres[c][j] + offsets[sp][j] + rng.normal()) * (1 + j * 9) + 50;
        }
        y[r] = c;
        speakers.push(`spk${sp}`);
      }
    }
  }
  return {
    x, y, speakers,
    classes: Array.from({ length: k }, (_, c) => ['anger', 'happiness', 'neutral', 'sadness', 'fear', 'disgust', 'boredom', 'calm', 'surprise'][c]),
    featureNames: Array.from({ length: d }, (_, j) => `f${j}`),
  };
}
