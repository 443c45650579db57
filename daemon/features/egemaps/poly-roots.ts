// Complex roots of a real polynomial c[0] + c[1] z + ... + c[d] z^d by the Aberth-Ehrlich
// iteration (Aberth, Math. Comp. 27, 1973; Bini, Numer. Algorithms 13, 1996): all roots are
// refined simultaneously, z_k -= w_k / (1 - w_k sum_{j!=k} 1/(z_k - z_j)), w = p/p'. Start
// points lie on a circle of the Fujiwara bound's radius, slightly rotated so that no start
// is real (or at the caller's previous roots). f64; converges cubically for simple roots,
// which LPC polynomials have in practice; a root stops moving once its step is < 1e-13.
// Writes d roots as (re, im) pairs to out; returns the number of iterations used.
// Runs once per 10 ms frame: scratch is preallocated and step sizes are compared squared
// (Math.hypot costs more than the rest of an iteration in V8).

const MAX_DEGREE = 32;
const re = new Float64Array(MAX_DEGREE), im = new Float64Array(MAX_DEGREE), done = new Uint8Array(MAX_DEGREE);
const TOL2 = 1e-26; // (1e-13)^2

export function polyRoots(c: Float64Array, d: number, out: Float64Array, maxIter = 100, start?: Float64Array): number {
  // Strip leading zeros; a polynomial of lower degree gets its missing roots at 0.
  while (d > 0 && c[d] === 0) {
    out[2 * (d - 1)] = out[2 * (d - 1) + 1] = 0;
    d--;
  }
  if (d === 0) return 0;
  let radius = -1; // the Fujiwara bound, computed only when a cold start needs it
  if (d > MAX_DEGREE) throw new RangeError(`polyRoots: degree ${d} > ${MAX_DEGREE}`);
  done.fill(0, 0, d);
  for (let k = 0; k < d; k++) {
    const a = (2 * Math.PI * k) / d + 0.4;
    // A previous solution (the last frame's roots, distinct and finite) converges in a few steps.
    const warm = start && Number.isFinite(start[2 * k]) && Number.isFinite(start[2 * k + 1]);
    if (warm) {
      re[k] = start[2 * k];
      im[k] = start[2 * k + 1];
      continue;
    }
    if (radius < 0) {
      radius = 0;
      for (let i = 0; i < d; i++) radius = Math.max(radius, Math.abs(c[i] / c[d]) ** (1 / (d - i)));
      radius = radius > 0 ? radius : 1;
    }
    re[k] = radius * Math.cos(a);
    im[k] = radius * Math.sin(a);
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
      const wr = (pr * dr + pi * di) / dd, wi = (pi * dr - pr * di) / dd;
      let sr = 0, si = 0;
      for (let j = 0; j < d; j++) {
        if (j === k) continue;
        const xr = re[k] - re[j], xi = im[k] - im[j], xx = xr * xr + xi * xi;
        if (xx === 0) continue;
        sr += xr / xx;
        si -= xi / xx;
      }
      // step = w / (1 - w s)
      const br = 1 - (wr * sr - wi * si), bi = -(wr * si + wi * sr), bb = br * br + bi * bi;
      if (bb === 0) continue;
      const stepR = (wr * br + wi * bi) / bb, stepI = (wi * br - wr * bi) / bb;
      re[k] -= stepR;
      im[k] -= stepI;
      // |step| / max(1, |z|) < 1e-13, squared.
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
