// Roots of the LPC prediction-error polynomial of one frame (openSMILE cLpc method=acf +
// cFormantLpc), in f64: Levinson-Durbin on r[0..p] gives A(z) = 1 + sum a_i z^-i (Makhoul,
// Proc. IEEE 63, 1975), then the p roots of z^p A(z) by the Aberth-Ehrlich iteration
// (Aberth, Math. Comp. 27, 1973), started at the previous frame's roots when rootsPtr holds
// any (the polynomial changes slowly, so a few steps suffice), else at the caller's unit-
// circle points (startPtr, p (cos, sin) pairs: poly-roots.ts startPoints, computed in JS so
// that both sides start from the same bits) times Cauchy's bound. Roots are (re, im) f64 pairs at rootsPtr, in and out; returns
// the iterations used, or -1 when r[0] is not positive (no roots written).
// Reference: daemon/features/ref/lpc-roots.ts (egemaps/formants.ts levinson + egemaps/poly-roots.ts)

// Scratch in static data (below the arena, which starts at __heap_base).
// @ts-ignore: decorator
@inline const MAX_P = 32;
const A = memory.data(8 * MAX_P, 16);
const PREV = memory.data(8 * MAX_P, 16);
const C = memory.data(8 * (MAX_P + 1), 16);
const RE = memory.data(8 * MAX_P, 16);
const IM = memory.data(8 * MAX_P, 16);
const DONE = memory.data(MAX_P, 16);

// @ts-ignore: decorator
@inline function g(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
// @ts-ignore: decorator
@inline function s8(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
// A root stops at a step below 1e-8 (relative), as egemaps/poly-roots.ts.
const TOL2: f64 = 1e-16;

/**
 * Root k's Aberth step from p(z_k) = pr + i pi and p'(z_k) = dr + i di, against the roots as
 * they stand (those before k already moved in this pass); marks k done below the tolerance.
 * Returns the relative squared step, or -1 when none was taken.
 */
// @ts-ignore: decorator
@inline function aberthStep(k: i32, d: i32, pr: f64, pi: f64, dr: f64, di: f64): f64 {
  const dd = dr * dr + di * di;
  if (dd == 0) return -1;
  const zr = g(RE, k), zi = g(IM, k);
  const id = 1 / dd, wr = (pr * dr + pi * di) * id, wi = (pi * dr - pr * di) * id;
  let sr: f64 = 0, si: f64 = 0;
  for (let j = 0; j < d; j++) {
    if (j == k) continue;
    const xr = zr - g(RE, j), xi = zi - g(IM, j), xx = xr * xr + xi * xi;
    if (xx == 0) continue;
    const ix = 1 / xx;
    sr += xr * ix;
    si -= xi * ix;
  }
  const br = 1 - (wr * sr - wi * si), bi = -(wr * si + wi * sr), bb = br * br + bi * bi;
  if (bb == 0) return -1;
  const ib = 1 / bb, stepR = (wr * br + wi * bi) * ib, stepI = (wi * br - wr * bi) * ib;
  const nr = zr - stepR, ni = zi - stepI;
  s8(RE, k, nr);
  s8(IM, k, ni);
  const s2 = stepR * stepR + stepI * stepI, z2 = nr * nr + ni * ni;
  const rel2 = z2 > 1 ? s2 / z2 : s2;
  if (rel2 < TOL2) store<u8>(DONE + <usize>(k), 1);
  return rel2;
}

export function lpcRoots(acfPtr: usize, p: i32, rootsPtr: usize, maxIter: i32, startPtr: usize): i32 {
  if (p <= 0 || p > MAX_P) return -1;
  let e = load<f64>(acfPtr);
  if (!(e > 0)) return -1;
  for (let i = 0; i < p; i++) s8(A, i, 0);
  for (let m = 1; m <= p; m++) {
    let s = load<f64>(acfPtr + (<usize>m << 3));
    for (let i = 1; i < m; i++) s += g(A, i - 1) * load<f64>(acfPtr + (<usize>(m - i) << 3));
    const k = -s / e;
    for (let i = 0; i < p; i++) s8(PREV, i, g(A, i));
    s8(A, m - 1, k);
    for (let i = 1; i < m; i++) s8(A, i - 1, g(PREV, i - 1) + k * g(PREV, m - i - 1));
    e *= 1 - k * k;
    if (!(e > 0)) break;
  }
  // z^p A(z), ascending powers.
  let d = p;
  s8(C, p, 1);
  for (let i = 1; i <= p; i++) s8(C, p - i, -g(A, i - 1));
  while (d > 0 && g(C, d) == 0) {
    store<f64>(rootsPtr + (<usize>(2 * (d - 1)) << 3), 0);
    store<f64>(rootsPtr + (<usize>(2 * (d - 1) + 1) << 3), 0);
    d--;
  }
  // A zero constant term (Levinson-Durbin stopped early) is a root at exactly 0, taken out
  // as egemaps/poly-roots.ts does.
  let warm = false;
  for (let i = 0; i < 2 * p; i++) if (load<f64>(rootsPtr + (<usize>i << 3)) != 0) warm = true;
  let z0 = 0;
  while (z0 < d && g(C, z0) == 0) z0++;
  if (z0 > 0) {
    for (let i = 0; i + z0 <= d; i++) s8(C, i, g(C, i + z0));
    for (let k = d - z0; k < d; k++) {
      store<f64>(rootsPtr + (<usize>(2 * k) << 3), 0);
      store<f64>(rootsPtr + (<usize>(2 * k + 1) << 3), 0);
    }
    d -= z0;
  }
  if (d == 0) return 0;
  let radius: f64 = -1;
  for (let k = 0; k < d; k++) {
    store<u8>(DONE + <usize>(k), 0);
    const sr = load<f64>(rootsPtr + (<usize>(2 * k) << 3)), si = load<f64>(rootsPtr + (<usize>(2 * k + 1) << 3));
    if (warm && isFinite(sr) && isFinite(si) && (sr != 0 || si != 0)) {
      s8(RE, k, sr);
      s8(IM, k, si);
      continue;
    }
    if (radius < 0) {
      // Cauchy's bound, as egemaps/poly-roots.ts startRadius (exactly rounded operations only).
      let m: f64 = 0;
      for (let i = 0; i < d; i++) m = Math.max(m, Math.abs(g(C, i) / g(C, d)));
      radius = 1 + m;
    }
    s8(RE, k, radius * load<f64>(startPtr + (<usize>(2 * k) << 3)));
    s8(IM, k, radius * load<f64>(startPtr + (<usize>(2 * k + 1) << 3)));
  }
  let it = 0;
  for (; it < maxIter; it++) {
    let moved: f64 = 0;
    let k = 0;
    while (k < d) {
      if (load<u8>(DONE + <usize>(k))) {
        k++;
        continue;
      }
      if (ASC_FEATURE_SIMD) {
        // The next root still moving after k: its p(z) and p'(z) do not depend on k's update
        // (only the Aberth sum reads the other roots), so both run in the two lanes of one
        // Horner pass, with the same f64 operations as the scalar one.
        let m = k + 1;
        while (m < d && load<u8>(DONE + <usize>(m))) m++;
        if (m < d) {
          const zr = f64x2.replace_lane(f64x2.splat(g(RE, k)), 1, g(RE, m));
          const zi = f64x2.replace_lane(f64x2.splat(g(IM, k)), 1, g(IM, m));
          let pr = f64x2.splat(g(C, d)), pi = f64x2.splat(0), dr = f64x2.splat(0), di = f64x2.splat(0);
          for (let i = d - 1; i >= 0; i--) {
            const ndr = f64x2.add(f64x2.sub(f64x2.mul(dr, zr), f64x2.mul(di, zi)), pr);
            const ndi = f64x2.add(f64x2.add(f64x2.mul(dr, zi), f64x2.mul(di, zr)), pi);
            const npr = f64x2.add(f64x2.sub(f64x2.mul(pr, zr), f64x2.mul(pi, zi)), f64x2.splat(g(C, i)));
            const npi = f64x2.add(f64x2.mul(pr, zi), f64x2.mul(pi, zr));
            dr = ndr;
            di = ndi;
            pr = npr;
            pi = npi;
          }
          const r0 = aberthStep(k, d, f64x2.extract_lane(pr, 0), f64x2.extract_lane(pi, 0), f64x2.extract_lane(dr, 0), f64x2.extract_lane(di, 0));
          if (r0 > moved) moved = r0;
          const r1 = aberthStep(m, d, f64x2.extract_lane(pr, 1), f64x2.extract_lane(pi, 1), f64x2.extract_lane(dr, 1), f64x2.extract_lane(di, 1));
          if (r1 > moved) moved = r1;
          k = m + 1;
          continue;
        }
      }
      const zr = g(RE, k), zi = g(IM, k);
      let pr = g(C, d), pi: f64 = 0, dr: f64 = 0, di: f64 = 0;
      for (let i = d - 1; i >= 0; i--) {
        const ndr = dr * zr - di * zi + pr, ndi = dr * zi + di * zr + pi;
        const npr = pr * zr - pi * zi + g(C, i), npi = pr * zi + pi * zr;
        dr = ndr;
        di = ndi;
        pr = npr;
        pi = npi;
      }
      const r = aberthStep(k, d, pr, pi, dr, di);
      if (r > moved) moved = r;
      k++;
    }
    if (moved < TOL2) break;
  }
  for (let k = 0; k < d; k++) {
    store<f64>(rootsPtr + (<usize>(2 * k) << 3), g(RE, k));
    store<f64>(rootsPtr + (<usize>(2 * k + 1) << 3), g(IM, k));
  }
  return it;
}
