// The pitch spectrum on the octave scale (openSMILE cSpecScale, interpMethod=spline,
// auditoryWeighting=1): natural cubic spline through (x_k, y_k) (Numerical Recipes 3.3;
// the abscissae-only factors come precomputed, egemaps/octave-grid.ts), evaluated at the
// targets, times the auditory weight, negatives to 0.
// The tridiagonal sweeps u_i = A_i - B_i u_{i-1} (A_i = c6_i pInv_i d_i, B_i = sig_i pInv_i)
// and y2_k = q_k y2_{k+1} + u_k are first-order recurrences, bound by the latency of one
// multiply-add per step; each is unrolled once (u_i = (A_i - B_i A_{i-1}) + B_i B_{i-1} u_{i-2})
// so that the even and the odd chain run side by side. Everything that does not depend on
// the previous step (A_i, A_i - B_i A_{i-1}, B_i B_{i-1}, u_k + q_k u_{k+1}, q_k q_{k+1}) is
// computed beforehand, four lanes at a time, with the same f32 operations in the same order,
// so that the chains are one multiply and one add per step and give the same bits. The
// evaluation gathers two adjacent knots per target with one 64-bit load each, four targets
// at a time.
// Tables at tPtr, f32, n each, in this order: sig, pInv, q, c6, invDx, wa, wb, ca, cb, aud;
// knots (i32) at kloPtr; workPtr holds 3n floats.
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
  // u: a_i = A_i - B_i A_{i-1}, then u_i in place; y2: A_i, then u_k + q_k u_{k+1}, then y2_k
  // in place; pp: B_i B_{i-1}, then q_k q_{k+1}.
  const u = workPtr, y2 = workPtr + stride, pp = y2 + stride;
  // A_i (i = 1..n-2) into y2.
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
  // a_i and B_i B_{i-1} (i = 2..n-2).
  i = 2;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n - 1; i += 4) {
      const o = <usize>i << 2;
      const b0 = f32x4.mul(v128.load(sig + o), v128.load(pInv + o));
      const bm = f32x4.mul(v128.load(sig + o - 4), v128.load(pInv + o - 4));
      v128.store(u + o, f32x4.sub(v128.load(y2 + o), f32x4.mul(b0, v128.load(y2 + o - 4))));
      v128.store(pp + o, f32x4.mul(b0, bm));
    }
  }
  for (; i < n - 1; i++) {
    const b0 = ld(sig, i) * ld(pInv, i), bm = ld(sig, i - 1) * ld(pInv, i - 1);
    st(u, i, ld(y2, i) - b0 * ld(y2, i - 1));
    st(pp, i, b0 * bm);
  }
  // u_0 = 0, u_1 = A_1; then both chains, u_i = a_i + (B_i B_{i-1}) u_{i-2}.
  st(u, 0, 0);
  if (n > 2) st(u, 1, ld(y2, 1));
  let e: f32 = 0, od: f32 = n > 2 ? ld(y2, 1) : 0;
  i = 2;
  for (; i + 1 < n - 1; i += 2) {
    e = ld(u, i) + ld(pp, i) * e;
    od = ld(u, i + 1) + ld(pp, i + 1) * od;
    st(u, i, e);
    st(u, i + 1, od);
  }
  if (i < n - 1) st(u, i, ld(u, i) + ld(pp, i) * e);
  // y2_{n-1} = 0, y2_{n-2} = u_{n-2}; then y2_k = (u_k + q_k u_{k+1}) + q_k q_{k+1} y2_{k+2}.
  st(y2, n - 1, 0);
  if (n >= 2) {
    // u_k + q_k u_{k+1} into y2 and q_k q_{k+1} into pp (k = 0..n-3).
    let k = 0;
    if (ASC_FEATURE_SIMD) {
      for (; k + 4 <= n - 2; k += 4) {
        const o = <usize>k << 2, q0 = v128.load(q + o);
        v128.store(y2 + o, f32x4.add(v128.load(u + o), f32x4.mul(q0, v128.load(u + o + 4))));
        v128.store(pp + o, f32x4.mul(q0, v128.load(q + o + 4)));
      }
    }
    for (; k < n - 2; k++) {
      st(y2, k, ld(u, k) + ld(q, k) * ld(u, k + 1));
      st(pp, k, ld(q, k) * ld(q, k + 1));
    }
    let hi: f32 = 0, lo: f32 = ld(u, n - 2);
    st(y2, n - 2, lo);
    k = n - 3;
    for (; k >= 1; k -= 2) {
      // hi holds y2_{k+2}, lo y2_{k+1}.
      hi = ld(y2, k) + ld(pp, k) * hi;
      lo = ld(y2, k - 1) + ld(pp, k - 1) * lo;
      st(y2, k, hi);
      st(y2, k - 1, lo);
    }
    if (k == 0) st(y2, 0, ld(q, 0) * ld(y2, 1) + ld(u, 0));
  }
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f32x4.splat(0);
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2, ks = v128.load(kloPtr + o);
      const k0 = <usize>i32x4.extract_lane(ks, 0) << 2, k1 = <usize>i32x4.extract_lane(ks, 1) << 2;
      const k2 = <usize>i32x4.extract_lane(ks, 2) << 2, k3 = <usize>i32x4.extract_lane(ks, 3) << 2;
      // (y_k, y_k+1) of two targets per vector, then split into y_k and y_k+1 of all four.
      const ya = v128.load64_lane(yPtr + k1, v128.load64_zero(yPtr + k0), 1);
      const yb = v128.load64_lane(yPtr + k3, v128.load64_zero(yPtr + k2), 1);
      const sa = v128.load64_lane(y2 + k1, v128.load64_zero(y2 + k0), 1);
      const sb = v128.load64_lane(y2 + k3, v128.load64_zero(y2 + k2), 1);
      const yk = i8x16.shuffle(ya, yb, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
      const yk1 = i8x16.shuffle(ya, yb, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
      const sk = i8x16.shuffle(sa, sb, 0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);
      const sk1 = i8x16.shuffle(sa, sb, 4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);
      let v = f32x4.add(f32x4.mul(v128.load(wa + o), yk), f32x4.mul(v128.load(wb + o), yk1));
      v = f32x4.add(f32x4.add(v, f32x4.mul(v128.load(ca + o), sk)), f32x4.mul(v128.load(cb + o), sk1));
      v128.store(outPtr + o, v128.and(f32x4.mul(v, v128.load(aud + o)), f32x4.gt(v, zero)));
    }
  }
  for (; j < n; j++) {
    const k = load<i32>(kloPtr + (<usize>j << 2));
    const v = ld(wa, j) * ld(yPtr, k) + ld(wb, j) * ld(yPtr, k + 1) + ld(ca, j) * ld(y2, k) + ld(cb, j) * ld(y2, k + 1);
    st(outPtr, j, v > 0 ? v * ld(aud, j) : 0);
  }
}
