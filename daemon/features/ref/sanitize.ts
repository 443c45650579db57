// Reference for wasm/assembly/sanitize.ts: NaN and ±Inf become 0, the rest is clamped to
// ±limit, in place. Keeps a single bad sample from turning every later sum into NaN, and a
// huge finite one from overflowing f32 once squared.
import type { Tolerance } from './tolerance.ts';

export const sanitizeTolerance: Tolerance = { abs: 0, rel: 0 };

export function sanitize(x: Float32Array, limit: number): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    x[i] = Number.isFinite(v) ? Math.min(Math.max(v, -limit), limit) : 0;
  }
}
