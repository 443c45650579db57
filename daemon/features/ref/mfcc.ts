// Reference for wasm/assembly/mfcc.ts: L[j] = ln(max(E[j], floor)) over the mel bands, then
// the DCT-II c[i] = sum_j L[j] D[i][j], D[i][j] = sqrt(2/N) cos(pi i (j + 0.5)/N)
// (HTK book sec. 5.6; no liftering). Row 0 gives c0, kept apart from c1..c13 by the caller.
import type { Tolerance } from './tolerance.ts';

/** Sums of 26 logs of magnitude up to ~25: a few f32 ulps each. */
export const mfccTolerance: Tolerance = { abs: 2e-4, rel: 1e-5 };

/** Row-major nCeps x nBands matrix, rows for c0..c(nCeps-1). */
export function dctMatrix(nCeps: number, nBands: number): Float32Array {
  const d = new Float32Array(nCeps * nBands);
  const scale = Math.sqrt(2 / nBands);
  for (let i = 0; i < nCeps; i++) {
    for (let j = 0; j < nBands; j++) d[i * nBands + j] = scale * Math.cos((Math.PI * i * (j + 0.5)) / nBands);
  }
  return d;
}

export function mfcc(
  mel: Float32Array, nBands: number, floor: number, dct: Float32Array, nCeps: number, out: Float32Array,
): void {
  const l = new Float64Array(nBands);
  for (let j = 0; j < nBands; j++) l[j] = Math.log(Math.max(mel[j], floor));
  for (let i = 0; i < nCeps; i++) {
    let s = 0;
    for (let j = 0; j < nBands; j++) s += l[j] * dct[i * nBands + j];
    out[i] = s;
  }
}
