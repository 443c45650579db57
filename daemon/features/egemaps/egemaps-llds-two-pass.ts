// The eGeMAPS LLDs of a whole signal in two passes, on the whole-signal kernel interface
// (egemaps-kernels.ts): every frame's spectral LLDs, formants and F0 candidates first, then
// the Viterbi smoother over all frames at once (viterbiStates), then jitter/shimmer, the
// formants and the harmonics frame by frame (each voiced 60 ms frame analysed again; the
// formant roots, like the stream's, are solved for voiced frames only, in frame order, from
// the autocorrelations kept in the first pass). This was the batch path
// before the streaming pipeline (egemaps-stream.ts); it serves backends written against the
// whole-signal interface and is the reference the stream is tested against
// (test/unit/features/egemaps-stream.test.ts). Memory grows with the signal.
import { EGEMAPS as E, egemapsShortFrameCount } from './egemaps-config.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import { EGEMAPS_LLDS, SMA3_LLDS, type EgemapsLld, type EgemapsLldFrames } from './egemaps-lld-types.ts';
import { formantsFromAcf, newRootMemory } from './formants.ts';
import { harmonics, type HarmonicsOut } from './harmonics.ts';
import { jitterShimmer } from './jitter-shimmer.ts';
import { newCandidates, pitchCandidates } from './pitch-candidates.ts';
import { viterbiStates } from './pitch-viterbi.ts';
import { semitone } from './semitone.ts';
import { egemapsTables } from './egemaps-tables.ts';

export function computeEgemapsLldsTwoPass(k: EgemapsKernels, samples: Float32Array): EgemapsLldFrames {
  const frames = k.load(samples), shortFrames = Math.max(egemapsShortFrameCount(samples.length), frames);
  const col = (): Float64Array => new Float64Array(frames);
  const raw = Object.fromEntries(EGEMAPS_LLDS.map((n, i) => [n, new Float64Array(i < SMA3_LLDS ? shortFrames : frames)])) as
    Record<EgemapsLld, Float64Array>;
  const energy = new Float64Array(shortFrames), rms = col(), f0Hz = col();
  const nc = E.shsCandidates, candF0 = new Float64Array(frames * nc), candV = new Float64Array(frames * nc);
  const acfs = new Float64Array(frames * (E.lpcOrder + 1));
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
    acfs.set(acf, f * (E.lpcOrder + 1));
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
    raw['F0semitoneFrom27.5Hz'][f] = semitone(v);
  }
  jitterShimmer(k.signal(), f0Hz, k.xcorr, raw.jitterLocal, raw.shimmerLocaldB);
  const h: HarmonicsOut = { hnr: 0, h1h2: 0, h1a3: 0, formantAmp: new Float64Array(3) };
  const formantsAll = new Float64Array(frames * 3);
  for (let f = 0; f < frames; f++) {
    const voiced = f0Hz[f] > 0, ff = fF;
    if (voiced) {
      formantsFromAcf(acfs.subarray(f * (E.lpcOrder + 1), (f + 1) * (E.lpcOrder + 1)), fF, fB, roots);
      k.longFrame(f);
    } else {
      fF.fill(0);
      fB.fill(0);
    }
    for (let i = 0; i < 3; i++) formantsAll[f * 3 + i] = ff[i];
    harmonics(f0Hz[f], k.longMagnitude(), bins, k.longAcf, ff, h);
    raw.HNRdBACF[f] = h.hnr;
    raw['logRelF0-H1-H2'][f] = h.h1h2;
    raw['logRelF0-H1-A3'][f] = h.h1a3;
    for (let i = 0; i < 3; i++) {
      const lld = (kind: string): Float64Array => raw[`F${i + 1}${kind}` as EgemapsLld];
      lld('frequency')[f] = ff[i];
      lld('bandwidth')[f] = fB[i];
      lld('amplitudeLogRelF0')[f] = h.formantAmp[i];
    }
  }
  return { frames, shortFrames, raw, f0Hz, energy, formantsAll };
}
