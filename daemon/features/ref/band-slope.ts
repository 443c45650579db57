// Reference for wasm/assembly/band-slope.ts: cSpectral's "logSpectralSlopeOfBand", the
// least-squares slope in dB/Hz of L[k] = 10 log10(P[k]) (P <= floor -> 10 log10(floor))
// against f = k df over the bins lo..hi inclusive. Kept as openSMILE computes it, with
// N = hi - lo in the normal equations although hi - lo + 1 bins are summed:
//   slope = (N sum f L - sum f sum L) / (N sum f^2 - (sum f)^2).
// eGeMAPS uses 0-500 Hz (bins 0..16) and 500-1500 Hz (bins 16..48) at df = 31.25 Hz.
import type { Tolerance } from './tolerance.ts';

export const bandSlopeTolerance: Tolerance = { abs: 2e-6, rel: 1e-4 };

export function bandSlope(p: Float32Array, lo: number, hi: number, df: number, floor: number): number {
  const nInd = hi - lo, lf = 10 * Math.log10(floor);
  let sf = 0, s2f = 0, sa = 0, sb = 0;
  for (let k = lo; k <= hi; k++) {
    const f = k * df, l = p[k] > floor ? 10 * Math.log10(p[k]) : lf;
    sf += f;
    s2f += f * f;
    sa += f * l;
    sb += l;
  }
  const den = nInd * s2f - sf * sf;
  return den !== 0 ? (nInd * sa - sf * sb) / den : 0;
}
