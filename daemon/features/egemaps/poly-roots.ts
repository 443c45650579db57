// Complex roots of a real polynomial c[0] + c[1] z + ... + c[d] z^d by the Aberth-Ehrlich
// iteration (Aberth, Math. Comp. 27, 1973; Bini, Numer. Algorithms 13, 1996): all roots are
// refined simultaneously, z_k -= w_k / (1 - w_k sum_{j!=k} 1/(z_k - z_j)), w = p/p'. Start
// points lie on a circle of the Fujiwara bound's radius, slightly rotated so that no start
// is real (or at the caller's previous roots). f64; converges cubically for simple roots,
// which LPC polynomials have in practice; a root stops moving once its step is < 1e-13.
// Writes d roots as (re, im) pairs to out; returns the number of iterations used.

export function polyRoots(c: Float64Array, d: number, out: Float64Array, maxIter = 100, start?: Float64Array): number {
  // Strip leading zeros; a polynomial of lower degree gets its missing roots at 0.
  while (d > 0 && c[d] === 0) {
    out[2 * (d - 1)] = out[2 * (d - 1) + 1] = 0;
    d--;
  }
  if (d === 0) return 0;
  let radius = 0;
  for (let i = 0; i < d; i++) radius = Math.max(radius, Math.abs(c[i] / c[d]) ** (1 / (d - i)));
  radius = radius > 0 ? radius : 1;
  const re = new Float64Array(d), im = new Float64Array(d), done = new Uint8Array(d);
  for (let k = 0; k < d; k++) {
    const a = (2 * Math.PI * k) / d + 0.4;
    // A previous solution (the last frame's roots, distinct and finite) converges in a few steps.
    const warm = start && Number.isFinite(start[2 * k]) && Number.isFinite(start[2 * k + 1]);
    re[k] = warm ? start[2 * k] : radius * Math.cos(a);
    im[k] = warm ? start[2 * k + 1] : radius * Math.sin(a);
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
      const rel = Math.hypot(stepR, stepI) / Math.max(1, Math.hypot(re[k], im[k]));
      if (rel < 1e-13) done[k] = 1;
      moved = Math.max(moved, rel);
    }
    if (moved < 1e-13) break;
  }
  for (let k = 0; k < d; k++) {
    out[2 * k] = re[k];
    out[2 * k + 1] = im[k];
  }
  return it;
}
