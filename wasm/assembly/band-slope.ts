// cSpectral's logSpectralSlopeOfBand: least-squares slope (dB/Hz) of L = 10 log10(P)
// (P <= floor -> 10 log10(floor)) against f = k df over bins lo..hi inclusive, with
// N = hi - lo in the normal equations as openSMILE has it:
//   slope = (N sum f L - sum f sum L) / (N sum f^2 - (sum f)^2).
// Reference: daemon/features/ref/band-slope.ts
import { hsum, logs, logv } from './fast-math.ts';

const DB: f32 = <f32>(10 / Math.LN10);

export function bandSlope(powPtr: usize, lo: i32, hi: i32, df: f32, floor: f32): f32 {
  if (hi < lo) return 0;
  let k = lo;
  let sl: f32 = 0, skl: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let a = f32x4.splat(0), b = f32x4.splat(0);
    let kv = f32x4(<f32>lo, <f32>(lo + 1), <f32>(lo + 2), <f32>(lo + 3));
    const f = f32x4.splat(floor), four = f32x4.splat(4);
    for (; k + 4 <= hi + 1; k += 4) {
      const l = logv(f32x4.max(v128.load(powPtr + (<usize>k << 2)), f));
      a = f32x4.add(a, l);
      b = f32x4.add(b, f32x4.mul(kv, l));
      kv = f32x4.add(kv, four);
    }
    sl = hsum(a);
    skl = hsum(b);
  }
  for (; k <= hi; k++) {
    const l = logs(max(load<f32>(powPtr + (<usize>k << 2)), floor));
    sl += l;
    skl += <f32>k * l;
  }
  // Sums of k and k^2 in closed form, in f64 (they are exact integers).
  const H = <f64>hi, L = <f64>lo, s1 = (L + H) * (H - L + 1) / 2;
  const s2 = (H * (H + 1) * (2 * H + 1) - (L - 1) * L * (2 * L - 1)) / 6;
  const nInd = <f64>(hi - lo), d = <f64>df, db = <f64>DB;
  const den = nInd * s2 * d * d - s1 * s1 * d * d;
  return den != 0 ? <f32>((nInd * d * db * <f64>skl - s1 * d * db * <f64>sl) / den) : 0;
}
