// Reference for wasm/assembly/spec-enhance.ts: the peak enhancement and smoothing cSpecScale
// applies before the pitch spectrum (specEnhance=1, specSmooth=1; Praat's SHS, Hermes 1988):
// every bin more than 2 bins away from a local maximum (a[i] > a[i-1], a[i] >= a[i+1];
// the ends count when above their neighbour) is zeroed between consecutive maxima, then
// a[i] = (a[i-1] + 2 a[i] + a[i+1])/4 with the original a[i-1] (0 before the first bin),
// the last bin kept. With a single maximum openSMILE zeroes from bin 3 on (it reads the
// second, absent, maximum as 0); kept for parity.
import type { Tolerance } from './tolerance.ts';

export const specEnhanceTolerance: Tolerance = { abs: 1e-6, rel: 1e-5 };

export function specEnhance(a: Float32Array, n: number): void {
  if (n < 2) return;
  const peaks: number[] = [];
  if (a[0] > a[1]) peaks.push(0);
  for (let i = 1; i < n - 1; i++) if (a[i] > a[i - 1] && a[i] >= a[i + 1]) peaks.push(i);
  if (a[n - 1] > a[n - 2]) peaks.push(n - 1);
  if (peaks.length === 1) a.fill(0, 3, n);
  else for (let p = 1; p < peaks.length; p++) a.fill(0, peaks[p - 1] + 3, Math.max(peaks[p] - 2, peaks[p - 1] + 3));
  let prev = 0;
  for (let i = 0; i < n - 1; i++) {
    const v = a[i];
    a[i] = (prev + 2 * v + a[i + 1]) / 4;
    prev = v;
  }
}
