// The pitch spectrum on the octave scale (openSMILE cSpecScale, interpMethod=spline,
// auditoryWeighting=1): natural cubic spline through (x_k, y_k) (Numerical Recipes 3.3;
// the abscissae-only factors come precomputed, egemaps/octave-grid.ts), evaluated at the
// targets, times the auditory weight, negatives to 0.
// The tridiagonal sweeps u_i = A_i - B_i u_{i-1} (A_i = c6_i pInv_i d_i, B_i = sig_i pInv_i)
// and y2_k = q_k y2_{k+1} + u_k are first-order recurrences, bound by the latency of one
// multiply-add per step; each is unrolled once (u_i = (A_i - B_i A_{i-1}) + B_i B_{i-1} u_{i-2})
// so that the even and the odd chain run side by side, and everything that does not depend
// on the previous step is computed beforehand, four lanes at a time. The evaluation gathers
// two knots per target and stays scalar.
// Tables at tPtr, f32, n each, in this order: sig, pInv, q, c6, invDx, wa, wb, ca, cb, aud;
// knots (i32) at kloPtr; workPtr holds 2n floats.
// Reference: daemon/features/ref/octave-spline.ts

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }

export function octaveSpline(yPtr: usize, n: i32, tPtr: usize, kloPtr: usize, workPtr: usize, outPtr: usize): void {
  if (n <= 0) return;
  const stride = <usize>n << 2;
  const sig = tPtr, pInv = sig + stride, q = pInv + stride, c6 = q + stride, invDx = c6 + stride;
  const wa = invDx + stride, wb = wa + stride, ca = wb + stride, cb = ca + stride, aud = cb + stride;
  const u = workPtr, y2 = workPtr + stride;
  // A_i (i = 1..n-2) into y2 for now.
  let i = 1;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n - 1; i += 4) {
      const o = <usize>i << 2;
      const y0 = v128.load(yPtr + o - 4), y1 = v128.load(yPtr + o), yn = v128.load(yPtr + o + 4);
      const d = f32x4.sub(f32x4.mul(f32x4.sub(yn, y1), v128.load(invDx + o)), f32x4.mul(f32x4.sub(y1, y0), v128.load(invDx + o - 4)));
      v128.store(y2 + o, f32x4.mul(f32x4.mul(v128.load(c6 + o), d), v128.load(pInv + o)));
    }
  }
  for (; i < n - 1; i++) {
    const d = (ld(yPtr, i + 1) - ld(yPtr, i)) * ld(invDx, i) - (ld(yPtr, i) - ld(yPtr, i - 1)) * ld(invDx, i - 1);
    st(y2, i, ld(c6, i) * d * ld(pInv, i));
  }
  // u_0 = 0, u_1 = A_1; then both chains.
  st(u, 0, 0);
  if (n > 2) st(u, 1, ld(y2, 1));
  let e: f32 = 0, od: f32 = n > 2 ? ld(y2, 1) : 0;
  i = 2;
  for (; i + 1 < n - 1; i += 2) {
    const b0 = ld(sig, i) * ld(pInv, i), bm = ld(sig, i - 1) * ld(pInv, i - 1), b1 = ld(sig, i + 1) * ld(pInv, i + 1);
    const a0 = ld(y2, i) - b0 * ld(y2, i - 1), a1 = ld(y2, i + 1) - b1 * ld(y2, i);
    e = a0 + b0 * bm * e;
    od = a1 + b1 * b0 * od;
    st(u, i, e);
    st(u, i + 1, od);
  }
  if (i < n - 1) {
    const b0 = ld(sig, i) * ld(pInv, i), bm = ld(sig, i - 1) * ld(pInv, i - 1);
    st(u, i, ld(y2, i) - b0 * ld(y2, i - 1) + b0 * bm * e);
  }
  // y2_{n-1} = 0, y2_{n-2} = u_{n-2}; then y2_k = (u_k + q_k u_{k+1}) + q_k q_{k+1} y2_{k+2}.
  st(y2, n - 1, 0);
  if (n >= 2) {
    let hi: f32 = 0, lo: f32 = ld(u, n - 2);
    st(y2, n - 2, lo);
    let k = n - 3;
    for (; k >= 1; k -= 2) {
      const q0 = ld(q, k), q1 = ld(q, k + 1), qm = ld(q, k - 1);
      // hi holds y2_{k+2}, lo y2_{k+1}.
      hi = ld(u, k) + q0 * ld(u, k + 1) + q0 * q1 * hi;
      lo = ld(u, k - 1) + qm * ld(u, k) + qm * q0 * lo;
      st(y2, k, hi);
      st(y2, k - 1, lo);
    }
    if (k == 0) st(y2, 0, ld(q, 0) * ld(y2, 1) + ld(u, 0));
  }
  for (let j = 0; j < n; j++) {
    const k = load<i32>(kloPtr + (<usize>j << 2));
    const v = ld(wa, j) * ld(yPtr, k) + ld(wb, j) * ld(yPtr, k + 1) + ld(ca, j) * ld(y2, k) + ld(cb, j) * ld(y2, k + 1);
    st(outPtr, j, v > 0 ? v * ld(aud, j) : 0);
  }
}
