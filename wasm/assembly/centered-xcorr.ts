// Pearson correlation of two n-sample windows x[0, n) and y[0, n) (openSMILE cPitchJitter's
// period matching): sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 sum (y - my)^2), in two
// passes so that a large offset does not cancel; 0 when either window is constant.
// Reference: daemon/features/ref/centered-xcorr.ts
import { hsum } from './fast-math.ts';

export function centeredXcorr(xPtr: usize, yPtr: usize, n: i32): f32 {
  if (n <= 0) return 0;
  let i = 0;
  let sx: f32 = 0, sy: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let ax = f32x4.splat(0), ay = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      ax = f32x4.add(ax, v128.load(xPtr + o));
      ay = f32x4.add(ay, v128.load(yPtr + o));
    }
    sx = hsum(ax);
    sy = hsum(ay);
  }
  for (; i < n; i++) {
    sx += load<f32>(xPtr + (<usize>i << 2));
    sy += load<f32>(yPtr + (<usize>i << 2));
  }
  const mx = sx / <f32>n, my = sy / <f32>n;
  i = 0;
  let c: f32 = 0, vx: f32 = 0, vy: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let ac = f32x4.splat(0), avx = f32x4.splat(0), avy = f32x4.splat(0);
    const mxv = f32x4.splat(mx), myv = f32x4.splat(my);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const dx = f32x4.sub(v128.load(xPtr + o), mxv), dy = f32x4.sub(v128.load(yPtr + o), myv);
      ac = f32x4.add(ac, f32x4.mul(dx, dy));
      avx = f32x4.add(avx, f32x4.mul(dx, dx));
      avy = f32x4.add(avy, f32x4.mul(dy, dy));
    }
    c = hsum(ac);
    vx = hsum(avx);
    vy = hsum(avy);
  }
  for (; i < n; i++) {
    const dx = load<f32>(xPtr + (<usize>i << 2)) - mx, dy = load<f32>(yPtr + (<usize>i << 2)) - my;
    c += dx * dy;
    vx += dx * dx;
    vy += dy * dy;
  }
  return vx > 0 && vy > 0 ? <f32>(<f64>c / Math.sqrt(<f64>vx * <f64>vy)) : 0;
}
