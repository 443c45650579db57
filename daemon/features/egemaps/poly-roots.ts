// Complex roots of a real polynomial c[0] + c[1] z + ... + c[d] z^d by the Aberth-Ehrlich
// iteration (Aberth, Math. Comp. 27, 1973; Bini, Numer. Algorithms 13, 1996): all roots are
// refined simultaneously, z_k -= w_k / (1 - w_k sum_{j!=k} 1/(z_k - z_j)), w = p/p'. Start
// points lie on a circle of Cauchy's bound's radius, slightly rotated so that no start
// is real (or at the caller's previous roots). f64; converges cubically for simple roots,
// which LPC polynomials have in practice; a root stops moving once its step is < 1e-8 (the
// step just taken then leaves an error of the order of its cube: one iteration fewer than
// stopping at 1e-13, with the same eGeMAPS values to f32 on all of EmoDB).
// Writes d roots as (re, im) pairs to out; returns the number of iterations used. `unit`
// replaces the cold-start points on the unit circle (startPoints(d) when absent).
// Runs once per 10 ms frame: scratch is preallocated, divisions are by reciprocals and step
// sizes are compared squared (Math.hypot costs more than the rest of an iteration in V8).

const MAX_DEGREE = 32;
const re = new Float64Array(MAX_DEGREE), im = new Float64Array(MAX_DEGREE), done = new Uint8Array(MAX_DEGREE);
const TOL2 = 1e-16; // (1e-8)^2

/**
 * Cold-start radius: Cauchy's bound 1 + max |c_i / c_d| on the roots' moduli. Only exactly
 * rounded operations, so the WASM solver (wasm/assembly/lpc-roots.ts) gets the same bits.
 */
export function startRadius(c: Float64Array, d: number): number {
  let m = 0;
  for (let i = 0; i < d; i++) m = Math.max(m, Math.abs(c[i] / c[d]));
  return 1 + m;
}

/** Unit-circle start points of a cold start, (cos, sin) pairs of 2 pi k/d + 0.4 (slightly rotated so none is real). */
export function startPoints(d: number, out = new Float64Array(2 * d)): Float64Array {
  for (let k = 0; k < d; k++) {
    const a = (2 * Math.PI * k) / d + 0.4;
    out[2 * k] = Math.cos(a);
    out[2 * k + 1] = Math.sin(a);
  }
  return out;
}

export function polyRoots(
  c: Float64Array, d: number, out: Float64Array, maxIter = 100, start?: Float64Array, unit?: Float64Array,
): number {
  // Strip leading zeros; a polynomial of lower degree gets its missing roots at 0.
  while (d > 0 && c[d] === 0) {
    out[2 * (d - 1)] = out[2 * (d - 1) + 1] = 0;
    d--;
  }
  if (d === 0) return 0;
  // A zero constant term (Levinson-Durbin stopped early on a degenerate frame) is a root at
  // exactly 0: taken out, so that the iteration does not creep towards it for ever.
  if (c[0] === 0) {
    let z0 = 1;
    while (z0 < d && c[z0] === 0) z0++;
    const it = polyRoots(c.subarray(z0), d - z0, out, maxIter, start, unit ?? startPoints(d));
    out.fill(0, 2 * (d - z0), 2 * d);
    return it;
  }
  let radius = -1; // the Fujiwara bound, computed only when a cold start needs it
  if (d > MAX_DEGREE) throw new RangeError(`polyRoots: degree ${d} > ${MAX_DEGREE}`);
  done.fill(0, 0, d);
  for (let k = 0; k < d; k++) {
    const a = (2 * Math.PI * k) / d + 0.4;
    // A previous solution (the last frame's roots, distinct and finite) converges in a few steps.
    // A root taken out at 0 (a degenerate frame) is no start: two starts at one point never part.
    const warm = start && Number.isFinite(start[2 * k]) && Number.isFinite(start[2 * k + 1]) && (start[2 * k] !== 0 || start[2 * k + 1] !== 0);
    if (warm) {
      re[k] = start[2 * k];
      im[k] = start[2 * k + 1];
      continue;
    }
    if (radius < 0) radius = startRadius(c, d);
    re[k] = radius * (unit ? unit[2 * k] : Math.cos(a));
    im[k] = radius * (unit ? unit[2 * k + 1] : Math.sin(a));
  }
  let it = 0;
  for (; it < maxIter; it++) {
    let moved = 0;
    for (let k = 0; k < d; k++) {
      if (done[k]) continue;
      // p and p' at z_k by Horner.
      const zr = re[k], zi = im[k];
      let pr = c[d], pi = 0, dr = 0, di = 0;
      for (let i = d - 1; i >= 0; i--) {
        const ndr = dr * zr - di * zi + pr, ndi = dr * zi + di * zr + pi;
        const npr = pr * zr - pi * zi + c[i], npi = pr * zi + pi * zr;
        dr = ndr;
        di = ndi;
        pr = npr;
        pi = npi;
      }
      const dd = dr * dr + di * di;
      if (dd === 0) continue;
      const id = 1 / dd, wr = (pr * dr + pi * di) * id, wi = (pi * dr - pr * di) * id;
      let sr = 0, si = 0;
      for (let j = 0; j < d; j++) {
        if (j === k) continue;
        const xr = re[k] - re[j], xi = im[k] - im[j], xx = xr * xr + xi * xi;
        if (xx === 0) continue;
        const ix = 1 / xx;
        sr += xr * ix;
        si -= xi * ix;
      }
      // step = w / (1 - w s)
      const br = 1 - (wr * sr - wi * si), bi = -(wr * si + wi * sr), bb = br * br + bi * bi;
      if (bb === 0) continue;
      const ib = 1 / bb, stepR = (wr * br + wi * bi) * ib, stepI = (wi * br - wr * bi) * ib;
      re[k] -= stepR;
      im[k] -= stepI;
      // |step| / max(1, |z|) < 1e-8, squared.
      const s2 = stepR * stepR + stepI * stepI, z2 = re[k] * re[k] + im[k] * im[k];
      const rel2 = z2 > 1 ? s2 / z2 : s2;
      if (rel2 < TOL2) done[k] = 1;
      if (rel2 > moved) moved = rel2;
    }
    if (moved < TOL2) break;
  }
  for (let k = 0; k < d; k++) {
    out[2 * k] = re[k];
    out[2 * k + 1] = im[k];
  }
  return it;
}
