// Power spectra for the spectral-feature parity tests: random (with empty bins), and the
// log power both backends read, so each test isolates one kernel.
import { logPower } from '../../../daemon/features/ref/log-power.ts';
import { rng } from './kernel-harness.ts';

export const FLOOR = 1e-9;
export const POWER_FLOOR = 1e-12;
export const BIN_HZ = 31.25;
/** Spectrum lengths: the edge lengths (bin counts) and 257 (512-point FFT). */
export const SPECTRUM_LENGTHS = [0, 1, 3, 4, 5, 63, 64, 65, 257, 400, 512];

export function spectrum(n: number, seed: number): { p: Float32Array; logP: Float32Array } {
  const r = rng(seed);
  const p = Float32Array.from({ length: n }, (_, i) => (i % 9 === 4 ? 0 : 10 ** (-6 + 7 * r())));
  const logP = new Float32Array(n);
  logPower(p, n, POWER_FLOOR, logP);
  return { p, logP };
}
