// Synthetic test signals at 16 kHz for the pitch tests, all seeded.
import { rng } from './kernel-harness.ts';

/** Harmonic-rich "voiced" signal: 12 harmonics with 1/h amplitudes, plus white noise. */
export function voiced(f0: number, seconds: number, noise = 0.01, seed = 1): Float32Array {
  const r = rng(seed), n = Math.round(seconds * 16000);
  return Float32Array.from({ length: n }, (_, i) => {
    let v = 0;
    for (let h = 1; h <= 12 && h * f0 < 7500; h++) v += Math.sin((2 * Math.PI * h * f0 * i) / 16000 + h) / h;
    return 0.25 * v + noise * (r() - 0.5);
  });
}

export function whiteNoise(seconds: number, amplitude = 0.3, seed = 2): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: Math.round(seconds * 16000) }, () => amplitude * (2 * r() - 1));
}
