// Reference for wasm/assembly/log-power.ts: out[k] = ln(max(P[k], floor)), the log power
// spectrum shared by flatness, entropy and slope. The kernel's polynomial log is within a
// few f32 ulps of Math.log.
import type { Tolerance } from './tolerance.ts';

export const logPowerTolerance: Tolerance = { abs: 1e-5, rel: 1e-6 };

export function logPower(p: Float32Array, n: number, floor: number, out: Float32Array): void {
  for (let k = 0; k < n; k++) out[k] = Math.log(Math.max(p[k], floor));
}
