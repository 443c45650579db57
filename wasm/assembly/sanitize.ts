// Replaces NaN and ±Inf by 0 and clamps to ±limit, in place, before any other kernel sees
// the samples: one bad sample would otherwise turn every sum it enters into NaN, and a
// huge finite one would overflow f32 once squared. x is finite iff x - x == 0.
// Reference: daemon/features/ref/sanitize.ts

export function sanitize(ptr: usize, n: i32, limit: f32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const lo = f32x4.splat(-limit);
    const hi = f32x4.splat(limit);
    const zero = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const p = ptr + (<usize>i << 2);
      const v = v128.load(p);
      const finite = f32x4.eq(f32x4.sub(v, v), zero);
      // min/max would propagate NaN; the mask then zeroes those lanes.
      v128.store(p, v128.and(f32x4.min(f32x4.max(v, lo), hi), finite));
    }
  }
  for (; i < n; i++) {
    const p = ptr + (<usize>i << 2);
    const x = load<f32>(p);
    store<f32>(p, x - x == 0 ? min(max(x, -limit), limit) : 0);
  }
}
