// Reference for wasm/assembly/auditory-loudness.ts: openSMILE's eGeMAPS loudness, the mean
// over mel bands of the auditory spectrum (cPlp doAud=1, doLog=0; cVectorOperation ll1):
//   L = (1/B) sum_b (max(E_b, floor) w_b)^c,
// E_b the band power, w_b Hermansky's equal-loudness weight at the band centre, c = 0.33
// (the intensity-loudness power law; Hermansky, J. Acoust. Soc. Am. 87, 1990).
import type { Tolerance } from './tolerance.ts';

export const auditoryLoudnessTolerance: Tolerance = { abs: 1e-6, rel: 2e-5 };

export function auditoryLoudness(mel: Float32Array, nBands: number, weights: Float32Array, floor: number, exponent: number): number {
  if (nBands <= 0) return 0;
  let s = 0;
  for (let b = 0; b < nBands; b++) s += (Math.max(mel[b], floor) * weights[b]) ** exponent;
  return s / nBands;
}
