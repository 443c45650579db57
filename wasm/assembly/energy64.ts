// Sum of squares in f64, for the correlation energies that nccf.ts slides (f32 would lose
// the small differences of large running sums).

/** sum x^2 over n floats, in f64. */
export function energy64(p: usize, n: i32): f64 {
  let i = 0;
  let e: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(p + (<usize>i << 2));
      const lo = f64x2.promote_low_f32x4(v);
      const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
      acc = f64x2.add(acc, f64x2.add(f64x2.mul(lo, lo), f64x2.mul(hi, hi)));
    }
    e = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  }
  for (; i < n; i++) {
    const x = <f64>load<f32>(p + (<usize>i << 2));
    e += x * x;
  }
  return e;
}
