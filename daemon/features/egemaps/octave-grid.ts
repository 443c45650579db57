// Geometry of the pitch spectrum (cSpecScale scale=octave, interpMethod=spline,
// auditoryWeighting=1): the 1024-point magnitude spectrum, bins 0..512 at log2(k df)
// (bin 0 placed one octave-step below bin 1: 2 x1 - x2), is interpolated by a natural cubic
// spline (Numerical Recipes 3.3) at 513 points equally spaced in log2 f from 25 Hz to the
// Nyquist frequency, then weighted by 0.5 + atan(3 (i + 1 - s)/ppo)/pi with
// s = ppo log2(65/50) - 1 (Hermes 1988's auditory sensitivity). Everything that depends
// only on the abscissae is computed here once; per frame only the tridiagonal sweep remains.

export interface OctaveSpline {
  readonly n: number;
  /** Forward sweep: p_i = sig_i y2_{i-1} + 2 with y2 the elimination factors, all fixed. */
  readonly sig: Float64Array;
  readonly pInv: Float64Array;
  /** Elimination factor (sig - 1)/p, reused as back-substitution multiplier. */
  readonly q: Float64Array;
  /** 6/(x_{i+1} - x_{i-1}) and 1/(x_{i+1} - x_i). */
  readonly c6: Float64Array;
  readonly invDx: Float64Array;
  /** Per target point: left knot, linear weights a, b and cubic weights (a^3 - a) h^2/6... */
  readonly klo: Int32Array;
  readonly wa: Float64Array;
  readonly wb: Float64Array;
  readonly ca: Float64Array;
  readonly cb: Float64Array;
  readonly audWeight: Float64Array;
  /** log2 of the first target frequency and the target step, in octaves. */
  readonly fminT: number;
  readonly fstepT: number;
  /** openSMILE's points per octave, n / log2(fmax/fmin) (used for the harmonic shifts). */
  readonly ppo: number;
}

export function octaveSpline(n: number, df: number, fmin: number): OctaveSpline {
  const x = new Float64Array(n);
  for (let i = 1; i < n; i++) x[i] = Math.log2(i * df);
  x[0] = 2 * x[1] - x[2];
  const sig = new Float64Array(n), pInv = new Float64Array(n), q = new Float64Array(n);
  const c6 = new Float64Array(n), invDx = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    sig[i] = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
    const p = sig[i] * q[i - 1] + 2;
    pInv[i] = 1 / p;
    q[i] = (sig[i] - 1) / p;
    c6[i] = 6 / (x[i + 1] - x[i - 1]);
  }
  for (let i = 0; i < n - 1; i++) invDx[i] = 1 / (x[i + 1] - x[i]);
  const fmax = df * (n - 1);
  const fminT = Math.log2(fmin), fmaxT = Math.log2(fmax), fstepT = (fmaxT - fminT) / (n - 1);
  const klo = new Int32Array(n), wa = new Float64Array(n), wb = new Float64Array(n);
  const ca = new Float64Array(n), cb = new Float64Array(n), audWeight = new Float64Array(n);
  const ppo = n / Math.log2(fmax / fmin);
  const s = ppo * Math.log2(65 / 50) - 1;
  for (let j = 0; j < n; j++) {
    const t = fminT + j * fstepT;
    // Numerical Recipes splint's bisection: klo is the last knot with x <= t.
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      const k = (hi + lo) >> 1;
      if (x[k] > t) hi = k;
      else lo = k;
    }
    const h = x[lo + 1] - x[lo], a = (x[lo + 1] - t) / h, b = (t - x[lo]) / h;
    klo[j] = lo;
    wa[j] = a;
    wb[j] = b;
    ca[j] = ((a * a * a - a) * h * h) / 6;
    cb[j] = ((b * b * b - b) * h * h) / 6;
    audWeight[j] = 0.5 + Math.atan((3 * (j + 1 - s)) / ppo) / Math.PI;
  }
  return { n, sig, pInv, q, c6, invDx, klo, wa, wb, ca, cb, audWeight, fminT, fstepT, ppo };
}
