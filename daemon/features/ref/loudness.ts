// Reference for wasm/assembly/loudness.ts: sum over bands of E[b]^exponent (E <= 0 adds 0),
// Stevens' power law on band intensities as in openSMILE's loudness (Eyben et al., "The
// Geneva Minimalistic Acoustic Parameter Set", IEEE TAC 2016, sec. 3.1; exponent 0.3).
import type { Tolerance } from './tolerance.ts';

export const loudnessTolerance: Tolerance = { abs: 1e-6, rel: 2e-5 };

export function loudness(mel: Float32Array, n: number, exponent: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) if (mel[i] > 0) s += Math.pow(Math.max(mel[i], 1e-30), exponent);
  return s;
}
