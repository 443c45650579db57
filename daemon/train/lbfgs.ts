// Limited-memory BFGS with a strong-Wolfe line search (Nocedal & Wright, Numerical
// Optimization, 2nd ed., Alg. 7.4, 3.5 and 3.6). Logistic regression is smooth and
// convex, so this converges in tens to a few hundred gradient evaluations, where plain
// gradient descent needs thousands, and it has no learning rate to tune.
import { dot } from './linalg.ts';

/** Writes the gradient at x into grad and returns the objective. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations?: number;
  /** History pairs kept. */
  memory?: number;
  /** Stop when max |gradient| falls below this. */
  gradTol?: number;
  /** Stop when the relative decrease of f in one iteration falls below this. */
  fTol?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  reason: string;
}

const C1 = 1e-4, C2 = 0.9;

export function minimiseLbfgs(fg: Objective, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const maxIter = opts.maxIterations ?? 500, mem = opts.memory ?? 10;
  const gradTol = opts.gradTol ?? 1e-6, fTol = opts.fTol ?? 1e-12;
  const n = x0.length;
  let x = Float64Array.from(x0), g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [];
  const d = new Float64Array(n), alphaBuf = new Float64Array(mem);
  let xNew = new Float64Array(n), gNew = new Float64Array(n);

  const evalAt = (alpha: number): { f: number; dphi: number } => {
    for (let i = 0; i < n; i++) xNew[i] = x[i] + alpha * d[i];
    const fv = fg(xNew, gNew);
    evaluations++;
    return { f: fv, dphi: dot(gNew, d) };
  };

  for (let iter = 0; iter < maxIter; iter++) {
    if (maxAbs(g) < gradTol) return done(iter, true, 'gradient below tolerance');
    // Two-loop recursion: d = -H g.
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k] * dot(S[k], d);
      alphaBuf[k] = a;
      for (let i = 0; i < n; i++) d[i] -= a * Y[k][i];
    }
    const gamma = S.length ? dot(S[S.length - 1], Y[Y.length - 1]) / dot(Y[Y.length - 1], Y[Y.length - 1]) : 1;
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = rho[k] * dot(Y[k], d);
      for (let i = 0; i < n; i++) d[i] += S[k][i] * (alphaBuf[k] - b);
    }
    for (let i = 0; i < n; i++) d[i] = -d[i];
    let dphi0 = dot(g, d);
    if (!(dphi0 < 0)) {
      // Curvature pairs went stale: restart from steepest descent.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dphi0 = dot(g, d);
    }
    const alpha0 = S.length ? 1 : Math.min(1, 1 / Math.sqrt(dot(g, g)));
    const step = wolfeSearch(evalAt, f, dphi0, alpha0);
    if (!step) return done(iter, false, 'line search failed');
    const s = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const fPrev = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = step.f;
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (S.length === mem) { S.shift(); Y.shift(); rho.shift(); }
      S.push(s); Y.push(y); rho.push(1 / sy);
    }
    if (fPrev - f <= fTol * Math.max(Math.abs(f), Math.abs(fPrev), 1)) return done(iter + 1, true, 'objective stalled');
  }
  return done(maxIter, false, 'iteration limit');

  function done(iterations: number, converged: boolean, reason: string): LbfgsResult {
    return { x, f, iterations, evaluations, converged, reason };
  }
}

type Probe = (alpha: number) => { f: number; dphi: number };

/** Returns the accepted step with the probe's buffers holding x and gradient at it, or null. */
function wolfeSearch(probe: Probe, f0: number, dphi0: number, alpha0: number): { alpha: number; f: number } | null {
  let aPrev = 0, fPrev = f0, dPrev = dphi0, a = alpha0;
  for (let i = 0; i < 25; i++) {
    const { f, dphi } = probe(a);
    if (!Number.isFinite(f) || f > f0 + C1 * a * dphi0 || (i > 0 && f >= fPrev)) {
      return zoom(probe, f0, dphi0, aPrev, fPrev, dPrev, a, f, dphi);
    }
    if (Math.abs(dphi) <= -C2 * dphi0) return { alpha: a, f };
    if (dphi >= 0) return zoom(probe, f0, dphi0, a, f, dphi, aPrev, fPrev, dPrev);
    aPrev = a; fPrev = f; dPrev = dphi;
    a *= 2;
  }
  return null;
}

function zoom(
  probe: Probe, f0: number, dphi0: number,
  lo: number, fLo: number, dLo: number, hi: number, fHi: number, dHi: number,
): { alpha: number; f: number } | null {
  for (let j = 0; j < 40; j++) {
    const a = interpolate(lo, fLo, dLo, hi, fHi, dHi);
    const { f, dphi } = probe(a);
    if (!Number.isFinite(f) || f > f0 + C1 * a * dphi0 || f >= fLo) {
      hi = a; fHi = f; dHi = dphi;
    } else {
      if (Math.abs(dphi) <= -C2 * dphi0) return { alpha: a, f };
      if (dphi * (hi - lo) >= 0) { hi = lo; fHi = fLo; dHi = dLo; }
      lo = a; fLo = f; dLo = dphi;
    }
    if (Math.abs(hi - lo) < 1e-14 * Math.max(1, Math.abs(lo))) break;
  }
  // The bracket collapsed: accept lo if it at least decreased f (it satisfies Armijo).
  if (lo > 0) {
    const { f } = probe(lo);
    return { alpha: lo, f };
  }
  return null;
}

/** Minimiser of the cubic through both ends, kept inside the bracket; bisection otherwise. */
function interpolate(lo: number, fLo: number, dLo: number, hi: number, fHi: number, dHi: number): number {
  const mid = (lo + hi) / 2;
  if (!Number.isFinite(fHi) || !Number.isFinite(dHi)) return lo + (hi - lo) * 0.25;
  const d1 = dLo + dHi - 3 * (fLo - fHi) / (lo - hi);
  const disc = d1 * d1 - dLo * dHi;
  if (disc < 0) return mid;
  const d2 = Math.sign(hi - lo) * Math.sqrt(disc);
  const a = hi - (hi - lo) * (dHi + d2 - d1) / (dHi - dLo + 2 * d2);
  const min = Math.min(lo, hi), max = Math.max(lo, hi), w = max - min;
  if (!Number.isFinite(a) || a < min + 0.1 * w || a > max - 0.1 * w) return mid;
  return a;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) { const a = Math.abs(v[i]); if (a > m) m = a; }
  return m;
}
