// Zero-crossing rate: the share of adjacent pairs whose signs differ, counting 0 as
// positive: (1/(n-1)) #{i : (x[i-1] >= 0) != (x[i] >= 0)}. 0 when n < 2.
// Reference: daemon/features/ref/zcr.ts

export function zeroCrossingRate(ptr: usize, n: i32): f32 {
  if (n < 2) return 0;
  let i = 1;
  let count = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    let acc = i32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const cur = f32x4.ge(v128.load(ptr + o), zero);
      const prev = f32x4.ge(v128.load(ptr + o - 4), zero);
      acc = i32x4.sub(acc, v128.xor(cur, prev)); // a differing lane is -1
    }
    count = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) +
      i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    if ((load<f32>(ptr + o) >= 0) != (load<f32>(ptr + o - 4) >= 0)) count++;
  }
  return <f32>count / <f32>(n - 1);
}
