// The pitch spectrum on the octave scale (openSMILE cSpecScale, interpMethod=spline,
// auditoryWeighting=1): natural cubic spline through (x_k, y_k) (Numerical Recipes 3.3;
// the abscissae-only factors come precomputed, egemaps/octave-grid.ts), evaluated at the
// targets, times the auditory weight, negatives to 0. The tridiagonal sweep is sequential;
// the evaluation gathers two knots per target, so both stay scalar.
// Tables at tPtr, f32, n each, in this order: sig, pInv, q, c6, invDx, wa, wb, ca, cb, aud;
// knots (i32) at kloPtr; workPtr holds 2n floats.
// Reference: daemon/features/ref/octave-spline.ts

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

export function octaveSpline(yPtr: usize, n: i32, tPtr: usize, kloPtr: usize, workPtr: usize, outPtr: usize): void {
  const stride = <usize>n << 2;
  const sig = tPtr, pInv = sig + stride, q = pInv + stride, c6 = q + stride, invDx = c6 + stride;
  const wa = invDx + stride, wb = wa + stride, ca = wb + stride, cb = ca + stride, aud = cb + stride;
  const u = workPtr, y2 = workPtr + (<usize>n << 2);
  store<f32>(u, 0);
  for (let i = 1; i < n - 1; i++) {
    const d = (ld(yPtr, i + 1) - ld(yPtr, i)) * ld(invDx, i) - (ld(yPtr, i) - ld(yPtr, i - 1)) * ld(invDx, i - 1);
    store<f32>(u + (<usize>i << 2), (ld(c6, i) * d - ld(sig, i) * ld(u, i - 1)) * ld(pInv, i));
  }
  store<f32>(y2 + (<usize>(n - 1) << 2), 0);
  for (let k = n - 2; k >= 0; k--) store<f32>(y2 + (<usize>k << 2), ld(q, k) * ld(y2, k + 1) + ld(u, k));
  for (let j = 0; j < n; j++) {
    const k = load<i32>(kloPtr + (<usize>j << 2));
    const v = ld(wa, j) * ld(yPtr, k) + ld(wb, j) * ld(yPtr, k + 1) + ld(ca, j) * ld(y2, k) + ld(cb, j) * ld(y2, k + 1);
    store<f32>(outPtr + (<usize>j << 2), v > 0 ? v * ld(aud, j) : 0);
  }
}
