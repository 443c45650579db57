// The 25 eGeMAPSv02 frame-level descriptors (Eyben et al. 2016, sec. 3.1 and 4; openSMILE's
// eGeMAPSv02.conf), every 10 ms, before and after the 3-frame smoothing. One pass over the
// frames computes the spectral LLDs, formants and pitch candidates; the Viterbi smoother then
// fixes F0 for the whole utterance; a second pass over the voiced frames computes the
// harmonic LLDs, and one over the waveform jitter and shimmer.
import { EGEMAPS as E, egemapsShortFrameCount } from './egemaps-config.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import { formantsFromAcf, newRootMemory } from './formants.ts';
import { harmonics, type HarmonicsOut } from './harmonics.ts';
import { jitterShimmer } from './jitter-shimmer.ts';
import { newCandidates, pitchCandidates } from './pitch-candidates.ts';
import { viterbiStates } from './pitch-viterbi.ts';
import { egemapsTables } from './egemaps-tables.ts';

/** LLD names as openSMILE writes them in its LLD output, without the _sma3 / _sma3nz suffix. */
export const EGEMAPS_LLDS = [
  'Loudness', 'alphaRatio', 'hammarbergIndex', 'slope0-500', 'slope500-1500', 'spectralFlux',
  'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4', 'F0semitoneFrom27.5Hz', 'jitterLocal', 'shimmerLocaldB',
  'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3', 'F1frequency', 'F1bandwidth',
  'F1amplitudeLogRelF0', 'F2frequency', 'F2bandwidth', 'F2amplitudeLogRelF0', 'F3frequency',
  'F3bandwidth', 'F3amplitudeLogRelF0',
] as const;

export type EgemapsLld = (typeof EGEMAPS_LLDS)[number];

/** The first ten are smoothed with sma3, the rest with sma3nz. */
export const SMA3_LLDS = 10;

export interface EgemapsLldFrames {
  /** 10 ms frames of the 60 ms analysis (pitch and everything joined with it). */
  readonly frames: number;
  /** 20 ms frames (>= frames): the first ten LLDs and `energy` have this many values. */
  readonly shortFrames: number;
  /** Raw (unsmoothed) contours by name. */
  readonly raw: Record<EgemapsLld, Float64Array>;
  /** F0 in Hz after smoothing and the energy gate (0 unvoiced). */
  readonly f0Hz: Float64Array;
  /** Mean square of each 20 ms frame (equivalent sound level). */
  readonly energy: Float64Array;
  /** Formant frequencies of every frame, voiced or not (F1..F3; the LLD output keeps them). */
  readonly formantsAll: Float64Array;
}

export function computeEgemapsLlds(k: EgemapsKernels, samples: Float32Array): EgemapsLldFrames {
  const frames = k.load(samples), shortFrames = Math.max(egemapsShortFrameCount(samples.length), frames);
  const col = (): Float64Array => new Float64Array(frames);
  const raw = Object.fromEntries(EGEMAPS_LLDS.map((n, i) => [n, new Float64Array(i < SMA3_LLDS ? shortFrames : frames)])) as
    Record<EgemapsLld, Float64Array>;
  const energy = new Float64Array(shortFrames), rms = col(), f0Hz = col();
  const nc = E.shsCandidates, candF0 = new Float64Array(frames * nc), candV = new Float64Array(frames * nc);
  const formantF = new Float64Array(frames * E.nFormants), formantB = new Float64Array(frames * E.nFormants);
  const acf = new Float64Array(E.lpcOrder + 1), pair = new Float64Array(2), ceps = new Float64Array(E.mfccCount);
  const fF = new Float64Array(E.nFormants), fB = new Float64Array(E.nFormants), cand = newCandidates();
  const roots = newRootMemory();
  const spline = egemapsTables().spline, bins = E.longFft / 2 + 1, df = E.sampleRate / E.shortFft;
  for (let f = 0; f < shortFrames; f++) {
    k.shortFrame(f);
    energy[f] = k.shortMeanSquare();
    raw.Loudness[f] = k.loudness();
    k.bandRatios(pair);
    raw.alphaRatio[f] = pair[0];
    raw.hammarbergIndex[f] = pair[1];
    raw['slope0-500'][f] = k.bandSlope(0, Math.round(500 / df));
    raw['slope500-1500'][f] = k.bandSlope(Math.round(500 / df), Math.round(1500 / df));
    raw.spectralFlux[f] = k.flux();
    k.mfcc(ceps);
    raw.mfcc1[f] = ceps[0];
    raw.mfcc2[f] = ceps[1];
    raw.mfcc3[f] = ceps[2];
    raw.mfcc4[f] = ceps[3];
    if (f >= frames) continue;
    k.resampledAcf(acf);
    formantsFromAcf(acf, fF, fB, roots);
    formantF.set(fF, f * E.nFormants);
    formantB.set(fB, f * E.nFormants);
    k.longFrame(f);
    rms[f] = k.longRms();
    pitchCandidates(k.shsSpectrum(), bins, spline.fminT, spline.fstepT, cand);
    candF0.set(cand.f0, f * nc);
    candV.set(cand.voicing, f * nc);
  }
  const states = viterbiStates(candF0, candV, frames);
  for (let f = 0; f < frames; f++) {
    const s = states[f];
    f0Hz[f] = s < nc && rms[f] > E.voicedRmsMin ? candF0[f * nc + s] : 0;
    const v = f0Hz[f];
    raw['F0semitoneFrom27.5Hz'][f] = v > 29.136 ? 12 * Math.log2(v / 27.5) : v > 0 ? 1 : 0;
  }
  jitterShimmer(k.signal(), f0Hz, k.xcorr, raw.jitterLocal, raw.shimmerLocaldB);
  const h: HarmonicsOut = { hnr: 0, h1h2: 0, h1a3: 0, formantAmp: new Float64Array(3) };
  const formantsAll = new Float64Array(frames * 3);
  for (let f = 0; f < frames; f++) {
    const ff = formantF.subarray(f * E.nFormants, (f + 1) * E.nFormants);
    for (let i = 0; i < 3; i++) formantsAll[f * 3 + i] = ff[i];
    if (f0Hz[f] > 0) k.longFrame(f);
    harmonics(f0Hz[f], k.longMagnitude(), bins, k.longAcf, ff, h);
    raw.HNRdBACF[f] = h.hnr;
    raw['logRelF0-H1-H2'][f] = h.h1h2;
    raw['logRelF0-H1-A3'][f] = h.h1a3;
    const voiced = f0Hz[f] > 0;
    for (let i = 0; i < 3; i++) {
      const lld = (kind: string): Float64Array => raw[`F${i + 1}${kind}` as EgemapsLld];
      lld('frequency')[f] = voiced ? ff[i] : 0;
      lld('bandwidth')[f] = voiced ? formantB[f * E.nFormants + i] : 0;
      lld('amplitudeLogRelF0')[f] = h.formantAmp[i];
    }
  }
  return { frames, shortFrames, raw, f0Hz, energy, formantsAll };
}
