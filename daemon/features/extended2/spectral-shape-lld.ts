// Spectral shape and band LLDs of emotiond-extended-v2, per 25 ms frame, from the power
// spectrum the other spectral columns read (FrameKernels.powerSpectrum) and the mel band
// energies (FrameKernels.melEnergies); computed in TypeScript (f64) on every backend, so
// the backends differ only by the spectra they hand over.
//   spectral_spread      Hz, sqrt of the power-weighted variance of frequency, bins 1..256
//   spectral_skewness    third standardised moment of that distribution
//   spectral_kurtosis    fourth standardised moment (not excess)
//   band_energy_250_650  10 log10(power in 250-650 Hz + 1e-10), dB (first formant region)
//   band_energy_1k_4k    10 log10(power in 1-4 kHz + 1e-10), dB (ComParE's second band)
//   spectral_sharpness   acum after Zwicker & Fastl (Psychoacoustics, ch. 9): 0.11 sum N_b g(z_b) z_b /
//                        sum N_b over the 26 mel bands, N_b = E_b^0.3 (the loudness column's
//                        specific loudness), z_b the Bark value of the band centre (Traunmueller
//                        1990), g(z) = 1 below 15.8 Bark, 0.066 exp(0.171 z) above
// Frames whose power sums below ANALYSIS.silentPowerSum give 0 for the moments and the
// sharpness (as the other spectral columns); the band energies are then -100 dB or so.
import { EmotiondError } from '../../core/errors.ts';
import { ANALYSIS as A } from '../analysis-config.ts';
import type { LldDef } from '../lld-registry.ts';

export const SPECTRAL_SHAPE_COLUMNS: readonly string[] = [
  'spectral_spread', 'spectral_skewness', 'spectral_kurtosis',
  'band_energy_250_650', 'band_energy_1k_4k', 'spectral_sharpness',
];

const BINS = A.fftSize / 2 + 1;
const BIN_HZ = A.sampleRate / A.fftSize;
const BAND_FLOOR = 1e-10;
const pow = new Float32Array(BINS);
const mel = new Float32Array(A.melBands);

const hzToMel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number): number => 700 * (10 ** (m / 2595) - 1);
const bark = (f: number): number => Math.max(0, (26.81 * f) / (1960 + f) - 0.53);

/** Bark value z and weight g(z) z of each mel band's centre (HTK mel points, as mel-filterbank.ts). */
const BAND_WEIGHT = (() => {
  const lo = hzToMel(A.melMinHz), step = (hzToMel(A.melMaxHz) - lo) / (A.melBands + 1);
  return Float64Array.from({ length: A.melBands }, (_, b) => {
    const z = bark(melToHz(lo + (b + 1) * step));
    return (z < 15.8 ? 1 : 0.066 * Math.exp(0.171 * z)) * z;
  });
})();

const bandRange = (loHz: number, hiHz: number): [number, number] => [Math.ceil(loHz / BIN_HZ), Math.ceil(hiHz / BIN_HZ)];
const LOW_BAND = bandRange(250, 650);
const MID_BAND = bandRange(1000, 4000);

export const spectralShapeLld: LldDef = {
  columns: SPECTRAL_SHAPE_COLUMNS,
  needs: ['spectrum', 'mel'],
  compute(k, row, at) {
    if (!k.powerSpectrum || !k.melEnergies) {
      throw new EmotiondError('FEATURES', `the ${k.backend} kernels do not expose the power spectrum and mel energies (needed by spectral_spread etc.)`);
    }
    k.powerSpectrum(pow);
    k.melEnergies(mel);
    let total = 0, m1 = 0;
    for (let i = 1; i < BINS; i++) {
      total += pow[i];
      m1 += pow[i] * i;
    }
    let spread = 0, skew = 0, kurt = 0, sharp = 0;
    if (total >= A.silentPowerSum) {
      const mu = m1 / total;
      let m2 = 0, m3 = 0, m4 = 0;
      for (let i = 1; i < BINS; i++) {
        const d = i - mu, d2 = d * d, p = pow[i] / total;
        m2 += p * d2;
        m3 += p * d2 * d;
        m4 += p * d2 * d2;
      }
      const sd = Math.sqrt(m2);
      spread = sd * BIN_HZ;
      if (sd > 1e-9) {
        skew = m3 / (m2 * sd);
        kurt = m4 / (m2 * m2);
      }
      let n = 0, w = 0;
      for (let b = 0; b < mel.length; b++) {
        const nb = Math.pow(Math.max(mel[b], 0), A.loudnessExponent);
        n += nb;
        w += nb * BAND_WEIGHT[b];
      }
      sharp = n > 0 ? (0.11 * w) / n : 0;
    }
    let low = 0, mid = 0;
    for (let i = LOW_BAND[0]; i < LOW_BAND[1]; i++) low += pow[i];
    for (let i = MID_BAND[0]; i < MID_BAND[1]; i++) mid += pow[i];
    row[at] = spread;
    row[at + 1] = skew;
    row[at + 2] = kurt;
    row[at + 3] = 10 * Math.log10(low + BAND_FLOOR);
    row[at + 4] = 10 * Math.log10(mid + BAND_FLOOR);
    row[at + 5] = sharp;
  },
};
