// Reference for wasm/assembly/subharmonic-sum.ts: subharmonic summation (Hermes, J. Acoust.
// Soc. Am. 83, 1988) on an octave-scale spectrum, as cPitchShs computes it:
//   S[j] = ( a[j] + sum_{h=2..H} c^(h-1) a[j + s_h] ) / H,  s_h = floor(ppo log2 h),
// terms past the end omitted, negative sums set to 0. H = 15, c = 0.85.
import type { Tolerance } from './tolerance.ts';

export const subharmonicSumTolerance: Tolerance = { abs: 1e-6, rel: 1e-5 };

export function harmonicShifts(ppo: number, harmonics: number): Int32Array {
  return Int32Array.from({ length: harmonics - 1 }, (_, i) => Math.floor(ppo * Math.log2(i + 2)));
}

export function subharmonicSum(
  a: Float32Array, n: number, shifts: Int32Array, compression: number, out: Float32Array,
): void {
  const h = shifts.length + 1;
  for (let j = 0; j < n; j++) out[j] = a[j];
  let scale = compression;
  for (const s of shifts) {
    for (let j = s; j < n; j++) out[j - s] += a[j] * scale;
    scale *= compression;
  }
  for (let j = 0; j < n; j++) out[j] = Math.max(out[j] / h, 0);
}
