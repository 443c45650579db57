// Several power spectra (and their log) per dispatch for the spectral-descriptor kernels:
// two random ones with empty bins and a silent one, as spectra.ts makes them for WASM.
import { spectrum } from './spectra.ts';
import { stack } from './webgpu-harness.ts';

export function spectrumFrames(n: number, seed: number): { p: Float32Array[]; logP: Float32Array[]; stacked: [Float32Array, Float32Array] } {
  const a = spectrum(n, seed), b = spectrum(n, seed + 1), silent = spectrum(n, seed + 2);
  silent.p.fill(0);
  silent.logP.fill(Math.log(1e-12));
  const p = [a.p, b.p, silent.p], logP = [a.logP, b.logP, silent.logP];
  return { p, logP, stacked: [stack(p), stack(logP)] };
}
