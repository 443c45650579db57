// Alpha ratio and Hammarberg index of a power spectrum P[k] at f = k df (Eyben et al. 2016,
// sec. 3.1.2; openSMILE cSpectral alphaRatio / hammarbergIndex, log output):
//   alpha = 10 log10(sum_{1k <= f <= 5k} P / sum_{f < 1k} P)
//   hammarberg = 10 log10(max_{f < 2k} P / max_{2k <= f <= 5k} P)
// numerators at or below floor replaced by it; 0 for a zero denominator. out = [alpha, h].
// Reference: daemon/features/ref/band-ratios.ts
import { hsum, logs } from './fast-math.ts';

function sumOf(p: usize, from: i32, to: i32): f32 {
  let i = from, s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= to; i += 4) acc = f32x4.add(acc, v128.load(p + (<usize>i << 2)));
    s = hsum(acc);
  }
  for (; i < to; i++) s += load<f32>(p + (<usize>i << 2));
  return s;
}

function maxOf(p: usize, from: i32, to: i32): f32 {
  let i = from, m: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= to; i += 4) acc = f32x4.max(acc, v128.load(p + (<usize>i << 2)));
    m = max(max(f32x4.extract_lane(acc, 0), f32x4.extract_lane(acc, 1)), max(f32x4.extract_lane(acc, 2), f32x4.extract_lane(acc, 3)));
  }
  for (; i < to; i++) m = max(m, load<f32>(p + (<usize>i << 2)));
  return m;
}

const DB: f32 = <f32>(10 / Math.LN10);

export function bandRatios(powPtr: usize, n: i32, df: f32, floor: f32, outPtr: usize): void {
  const end = min(n, <i32>Mathf.floor(5000 / df) + 1);
  const k1 = min(end, <i32>Mathf.ceil(1000 / df)), k2 = min(end, <i32>Mathf.ceil(2000 / df));
  const low = sumOf(powPtr, 0, k1), high = sumOf(powPtr, k1, end);
  const m02 = maxOf(powPtr, 0, k2), m25 = maxOf(powPtr, k2, end);
  store<f32>(outPtr, low > 0 ? DB * (logs(max(high, floor)) - logs(low)) : 0);
  store<f32>(outPtr, m25 > 0 ? DB * (logs(max(m02, floor)) - logs(m25)) : 0, 4);
}
