// The period-matching scan of jitter/shimmer (openSMILE cPitchJitter): for every candidate
// period t in [t0, t1] the Pearson correlation of x[0, t) with x[t, 2t), into out[t - t0].
// One call per period instead of one per lag. The SIMD build takes the lags two at a time
// (pairLags): each sum is accumulated in its own register, in the order centeredXcorr
// accumulates it, so the values are the same; the two lags' chains run side by side (their
// additions wait on each other's latency otherwise), and x[0, t)'s block sums serve both.
// Reference: daemon/features/ref/xcorr-scan.ts
import { centeredXcorr } from './centered-xcorr.ts';
import { hsum } from './fast-math.ts';

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

/** centeredXcorr(x, x + t, t) and centeredXcorr(x, x + t + 1, t + 1) into out[0], out[1] (t >= 1). */
function pairLags(xPtr: usize, t: i32, outPtr: usize): void {
  const n0 = t, n1 = t + 1, y0 = xPtr + (<usize>n0 << 2), y1 = xPtr + (<usize>n1 << 2);
  const end0 = n0 & ~3, end1 = n1 & ~3;
  // Block sums: x's blocks are the same for both lags up to end0.
  let ax = f32x4.splat(0), ay0 = f32x4.splat(0), ay1 = f32x4.splat(0);
  let i = 0;
  for (; i < end0; i += 4) {
    const o = <usize>i << 2;
    ax = f32x4.add(ax, v128.load(xPtr + o));
    ay0 = f32x4.add(ay0, v128.load(y0 + o));
    ay1 = f32x4.add(ay1, v128.load(y1 + o));
  }
  let sx0 = hsum(ax), sy0 = hsum(ay0);
  if (end1 > end0) {
    const o = <usize>end0 << 2;
    ax = f32x4.add(ax, v128.load(xPtr + o));
    ay1 = f32x4.add(ay1, v128.load(y1 + o));
  }
  let sx1 = hsum(ax), sy1 = hsum(ay1);
  for (i = end0; i < n0; i++) {
    sx0 += ld(xPtr, i);
    sy0 += ld(y0, i);
  }
  for (i = end1; i < n1; i++) {
    sx1 += ld(xPtr, i);
    sy1 += ld(y1, i);
  }
  const mx0 = sx0 / <f32>n0, my0 = sy0 / <f32>n0, mx1 = sx1 / <f32>n1, my1 = sy1 / <f32>n1;
  const mxv0 = f32x4.splat(mx0), myv0 = f32x4.splat(my0), mxv1 = f32x4.splat(mx1), myv1 = f32x4.splat(my1);
  let c0 = f32x4.splat(0), vx0 = f32x4.splat(0), vy0 = f32x4.splat(0);
  let c1 = f32x4.splat(0), vx1 = f32x4.splat(0), vy1 = f32x4.splat(0);
  for (i = 0; i < end0; i += 4) {
    const o = <usize>i << 2, xv = v128.load(xPtr + o);
    const dx0 = f32x4.sub(xv, mxv0), dy0 = f32x4.sub(v128.load(y0 + o), myv0);
    const dx1 = f32x4.sub(xv, mxv1), dy1 = f32x4.sub(v128.load(y1 + o), myv1);
    c0 = f32x4.add(c0, f32x4.mul(dx0, dy0));
    vx0 = f32x4.add(vx0, f32x4.mul(dx0, dx0));
    vy0 = f32x4.add(vy0, f32x4.mul(dy0, dy0));
    c1 = f32x4.add(c1, f32x4.mul(dx1, dy1));
    vx1 = f32x4.add(vx1, f32x4.mul(dx1, dx1));
    vy1 = f32x4.add(vy1, f32x4.mul(dy1, dy1));
  }
  if (end1 > end0) {
    const o = <usize>end0 << 2;
    const dx1 = f32x4.sub(v128.load(xPtr + o), mxv1), dy1 = f32x4.sub(v128.load(y1 + o), myv1);
    c1 = f32x4.add(c1, f32x4.mul(dx1, dy1));
    vx1 = f32x4.add(vx1, f32x4.mul(dx1, dx1));
    vy1 = f32x4.add(vy1, f32x4.mul(dy1, dy1));
  }
  let cc0 = hsum(c0), sxx0 = hsum(vx0), syy0 = hsum(vy0);
  let cc1 = hsum(c1), sxx1 = hsum(vx1), syy1 = hsum(vy1);
  for (i = end0; i < n0; i++) {
    const dx = ld(xPtr, i) - mx0, dy = ld(y0, i) - my0;
    cc0 += dx * dy;
    sxx0 += dx * dx;
    syy0 += dy * dy;
  }
  for (i = end1; i < n1; i++) {
    const dx = ld(xPtr, i) - mx1, dy = ld(y1, i) - my1;
    cc1 += dx * dy;
    sxx1 += dx * dx;
    syy1 += dy * dy;
  }
  store<f32>(outPtr, sxx0 > 0 && syy0 > 0 ? <f32>(<f64>cc0 / Math.sqrt(<f64>sxx0 * <f64>syy0)) : 0);
  store<f32>(outPtr, sxx1 > 0 && syy1 > 0 ? <f32>(<f64>cc1 / Math.sqrt(<f64>sxx1 * <f64>syy1)) : 0, 4);
}

export function xcorrScan(xPtr: usize, t0: i32, t1: i32, outPtr: usize): void {
  let t = t0;
  if (ASC_FEATURE_SIMD) {
    if (t >= 1) for (; t + 1 <= t1; t += 2) pairLags(xPtr, t, outPtr + (<usize>(t - t0) << 2));
  }
  for (; t <= t1; t++) {
    store<f32>(outPtr + (<usize>(t - t0) << 2), centeredXcorr(xPtr, xPtr + (<usize>t << 2), t));
  }
}
