// Design of the resampler's low-pass: a Kaiser-windowed sinc, laid out as a polyphase table.
//
// Output sample n sits at input position t = n * down / up (the rate ratio out/in = up/down,
// reduced). With k0 = floor(t) and phase p = (n * down) mod up, it is
//   y[n] = sum_i x[k0 - half + 1 + i] * h(p / up + half - 1 - i),   i = 0 .. 2*half - 1
// where h(tau) = 2fc * sinc(2fc * tau) * kaiser(tau), tau in input samples. So the taps only
// depend on p: one row per phase, computed once (Crochiere & Rabiner, "Multirate Digital
// Signal Processing", 1983, ch. 4). Kaiser window and length formula: Kaiser, "Nonrecursive
// digital filter design using the I0-sinh window function", ISCAS 1974.

/** Stopband attenuation, dB: below 16-bit quantisation noise of speech levels. */
const ATTENUATION_DB = 80;
/** Passband edge and stopband edge as fractions of the lower Nyquist frequency. */
const PASS_EDGE = 0.9;
const STOP_EDGE = 1.0;
/** Above this many coefficients the exact table gives way to an interpolated kernel. */
const MAX_TABLE = 1 << 19;
/** Kernel samples per input sample in the interpolated fallback (error ~1e-6, below -110 dB). */
const FINE_STEPS = 512;

export interface PolyphaseFilter {
  up: number;
  down: number;
  /** Taps per phase = 2 * half. */
  taps: number;
  half: number;
  /** `up` rows of `taps` coefficients, or null when rows are made on demand by `fillRow`. */
  table: Float64Array | null;
  /** h sampled at FINE_STEPS per input sample for tau = 0 .. half (h is even), for the fallback. */
  fine: Float64Array | null;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0, by its power series. */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}

export function designFilter(fromRate: number, toRate: number): PolyphaseFilter {
  const g = gcd(fromRate, toRate);
  const up = toRate / g;
  const down = fromRate / g;
  // Cut-off and transition in cycles per input sample.
  const nyquist = Math.min(fromRate, toRate) / 2;
  const fc = ((PASS_EDGE + STOP_EDGE) / 2) * nyquist / fromRate;
  const transition = (STOP_EDGE - PASS_EDGE) * nyquist / fromRate;
  const beta = 0.1102 * (ATTENUATION_DB - 8.7);
  const length = Math.ceil((ATTENUATION_DB - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
  const width = (length - 1) / 2;
  const half = Math.max(1, Math.ceil(width));
  const taps = 2 * half;
  const i0beta = besselI0(beta);
  const h = (tau: number): number => {
    const r = tau / width;
    if (r <= -1 || r >= 1) return 0;
    const x = 2 * fc * tau;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    return 2 * fc * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / i0beta);
  };

  if (up * taps <= MAX_TABLE) {
    const table = new Float64Array(up * taps);
    for (let p = 0; p < up; p++) {
      const row = table.subarray(p * taps, (p + 1) * taps);
      for (let i = 0; i < taps; i++) row[i] = h(p / up + half - 1 - i);
      normalise(row);
    }
    return { up, down, taps, half, table, fine: null };
  }
  const fine = new Float64Array(half * FINE_STEPS + 2);
  for (let j = 0; j < fine.length; j++) fine[j] = h(j / FINE_STEPS);
  return { up, down, taps, half, table: null, fine };
}

/** Fills `row` with the taps of phase `p`, from the interpolated kernel (fallback path). */
export function fillRow(f: PolyphaseFilter, p: number, row: Float64Array): void {
  const fine = f.fine as Float64Array;
  for (let i = 0; i < f.taps; i++) {
    const pos = Math.abs(p / f.up + f.half - 1 - i) * FINE_STEPS;
    const j = Math.floor(pos);
    const a = pos - j;
    row[i] = j + 1 < fine.length ? fine[j] * (1 - a) + fine[j + 1] * a : 0;
  }
  normalise(row);
}

/** Scales a phase's taps to sum to 1, so that every phase passes DC at exactly unit gain. */
function normalise(row: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += row[i];
  if (sum !== 0) for (let i = 0; i < row.length; i++) row[i] /= sum;
}
