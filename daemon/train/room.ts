// Rooms and noise for measuring (and training for) what a device hears: reverberation
// from a synthetic room impulse response, and noise at a set SNR: white, pink, or babble
// mixed from other speakers. Everything is seeded, so a degraded corpus is the same on
// every run and its features can be cached.
import { SAMPLE_RATE } from '../core/types.ts';
import { activePower } from './augment.ts';
import type { Rng } from './rng.ts';

// Reverberant energy equal to the direct sound (0 dB direct-to-reverberant ratio): a talker
// a metre or two from the microphone in a living room or classroom.
const DIRECT_TO_REVERBERANT_DB = 0;
/** First reflections arrive after the direct sound by about this much (a few metres of path). */
const PRE_DELAY_S = 0.003;

/**
 * A room impulse response with reverberation time `rt60` seconds: the direct path, then
 * Gaussian noise under an exponential envelope that falls by 60 dB in rt60 (Polack's
 * statistical model of a diffuse late field), cut where it is 60 dB down.
 */
export function syntheticRir(rt60: number, rng: Rng): Float32Array {
  if (!(rt60 > 0 && rt60 <= 5)) throw new RangeError(`RT60 ${rt60} s: expected (0, 5]`);
  const n = Math.ceil(rt60 * SAMPLE_RATE);
  const h = new Float32Array(n);
  const start = Math.round(PRE_DELAY_S * SAMPLE_RATE);
  const decay = Math.log(1000) / (rt60 * SAMPLE_RATE); // amplitude: -60 dB over rt60
  let tail = 0;
  for (let i = start; i < n; i++) {
    h[i] = rng.normal() * Math.exp(-decay * (i - start));
    tail += h[i] * h[i];
  }
  const g = Math.sqrt(10 ** (-DIRECT_TO_REVERBERANT_DB / 10) / Math.max(tail, 1e-30));
  for (let i = start; i < n; i++) h[i] *= g;
  h[0] = 1;
  return h;
}

/** Linear convolution, cut to the length of `x` (what a microphone records during the utterance). */
export function convolve(x: Float32Array, h: Float32Array): Float32Array {
  const n = x.length + h.length - 1;
  let size = 1;
  while (size < n) size <<= 1;
  const ar = new Float64Array(size), ai = new Float64Array(size);
  const br = new Float64Array(size), bi = new Float64Array(size);
  ar.set(x);
  br.set(h);
  fft(ar, ai, false);
  fft(br, bi, false);
  for (let i = 0; i < size; i++) {
    const r = ar[i] * br[i] - ai[i] * bi[i];
    ai[i] = ar[i] * bi[i] + ai[i] * br[i];
    ar[i] = r;
  }
  fft(ar, ai, true);
  return Float32Array.from(ar.subarray(0, x.length));
}

/** In-place iterative radix-2 FFT (size a power of 2); the inverse includes the 1/N. */
export function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(ang), wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k, b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr; im[b] = im[a] - ti;
        re[a] += tr; im[a] += ti;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
  if (inverse) for (let i = 0; i < n; i++) { re[i] /= n; im[i] /= n; }
}

/** `x` in a room of reverberation time rt60, at the same speech level as before. */
export function reverberate(x: Float32Array, rt60: number, rng: Rng): Float32Array {
  const y = convolve(x, syntheticRir(rt60, rng));
  return matchLevel(y, activePower(x));
}

export function whiteNoise(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** Pink (1/f) noise: white noise through Paul Kellet's economy filter (within 0.5 dB above 40 Hz). */
export function pinkNoise(n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n);
  let b0 = 0, b1 = 0, b2 = 0;
  for (let i = 0; i < n; i++) {
    const w = rng.normal();
    b0 = 0.99765 * b0 + w * 0.099046;
    b1 = 0.963 * b1 + w * 0.2965164;
    b2 = 0.57 * b2 + w * 1.0526913;
    out[i] = b0 + b1 + b2 + w * 0.1848;
  }
  return out;
}

/** Several other talkers at once, each at the same level, looped to `n` samples. */
export function babble(n: number, talkers: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(n);
  for (const t of talkers) {
    const p = activePower(t);
    if (!(p > 0) || t.length === 0) continue;
    const g = 1 / Math.sqrt(p);
    for (let i = 0; i < n; i++) out[i] += t[i % t.length] * g;
  }
  return out;
}

/** `noise` scaled so that the speech's active power is `snrDb` above it, added to `x`. */
export function addAtSnr(x: Float32Array, noise: Float32Array, snrDb: number): Float32Array {
  let np = 0;
  for (let i = 0; i < x.length; i++) np += noise[i] * noise[i];
  np /= Math.max(x.length, 1);
  const g = np > 0 ? Math.sqrt(activePower(x) / 10 ** (snrDb / 10) / np) : 0;
  return Float32Array.from(x, (v, i) => v + g * noise[i]);
}

function matchLevel(y: Float32Array, power: number): Float32Array {
  const p = activePower(y);
  const g = p > 0 ? Math.sqrt(power / p) : 1;
  for (let i = 0; i < y.length; i++) y[i] *= g;
  return y;
}

