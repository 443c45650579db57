// Reference for wasm/assembly/band-ratios.ts: the two energy-ratio LLDs of eGeMAPS (Eyben
// et al. 2016, sec. 3.1.2) on a power spectrum P[k] at f = k df, bins up to maxHz:
//   alpha ratio      10 log10( sum_{1 kHz <= f <= 5 kHz} P / sum_{f < 1 kHz} P )
//   Hammarberg index 10 log10( max_{f < 2 kHz} P / max_{2 kHz <= f <= 5 kHz} P )
// As cSpectral: a numerator at or below `floor` is replaced by it, a zero denominator
// gives 0. out = [alpha ratio, Hammarberg index], both dB.
import type { Tolerance } from './tolerance.ts';

export const bandRatiosTolerance: Tolerance = { abs: 2e-4, rel: 1e-5 };

export function bandRatios(p: Float32Array, n: number, df: number, floor: number, out: Float32Array): void {
  let low = 0, high = 0, max02 = 0, max25 = 0;
  for (let k = 0; k < n && k * df <= 5000; k++) {
    const f = k * df, v = p[k];
    if (f < 1000) low += v;
    else high += v;
    if (f < 2000) max02 = Math.max(max02, v);
    else max25 = Math.max(max25, v);
  }
  out[0] = low > 0 ? 10 * Math.log10(Math.max(high, floor) / low) : 0;
  out[1] = max25 > 0 ? 10 * Math.log10(Math.max(max02, floor) / max25) : 0;
}
