// Sum of n floats from ptr; shared by the spectral kernels for their normalising sums.
import { hsum } from './fast-math.ts';

export function sumOf(ptr: usize, n: i32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) acc = f32x4.add(acc, v128.load(ptr + (<usize>i << 2)));
    s = hsum(acc);
  }
  for (; i < n; i++) s += load<f32>(ptr + (<usize>i << 2));
  return s;
}
