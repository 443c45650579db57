// Reference for wasm/assembly/mel-filterbank.ts: band energies E[b] = sum_k w_b[k] P[k] of
// triangular filters equally spaced on the HTK mel scale mel(f) = 2595 log10(1 + f/700)
// (HTK book 3.4, sec. 5.4). Triangles are linear in mel between neighbouring centres, as
// in HTK and Kaldi. Only each band's non-zero run is stored: the kernel takes the same
// (firstBin, length, weightOffset) triples and packed weights designed here.
import type { Tolerance } from './tolerance.ts';

export const melBandsTolerance: Tolerance = { abs: 1e-6, rel: 1e-5 };

export interface MelFilterbank {
  readonly nBands: number;
  /** (firstBin, length, weightOffset) per band. */
  readonly bands: Int32Array;
  readonly weights: Float32Array;
}

export const hzToMel = (f: number): number => 2595 * Math.log10(1 + f / 700);

export function melFilterbank(
  nBands: number, fftSize: number, sampleRate: number, fMin: number, fMax: number,
): MelFilterbank {
  const lo = hzToMel(fMin);
  const step = (hzToMel(fMax) - lo) / (nBands + 1);
  const bands = new Int32Array(3 * nBands);
  const weights: number[] = [];
  for (let b = 0; b < nBands; b++) {
    const left = lo + b * step, centre = left + step, right = centre + step;
    let first = -1;
    const run: number[] = [];
    for (let k = 0; k <= fftSize / 2; k++) {
      const m = hzToMel((k * sampleRate) / fftSize);
      const w = m <= left || m >= right ? 0 : m <= centre ? (m - left) / step : (right - m) / step;
      if (w > 0) {
        if (first < 0) first = k;
        run.push(w);
      }
    }
    bands.set([Math.max(first, 0), run.length, weights.length], 3 * b);
    weights.push(...run);
  }
  return { nBands, bands, weights: Float32Array.from(weights) };
}

export function melBands(p: Float32Array, fb: MelFilterbank, out: Float32Array): void {
  for (let b = 0; b < fb.nBands; b++) {
    const first = fb.bands[3 * b], len = fb.bands[3 * b + 1], off = fb.bands[3 * b + 2];
    let s = 0;
    for (let i = 0; i < len; i++) s += p[first + i] * fb.weights[off + i];
    out[b] = s;
  }
}
