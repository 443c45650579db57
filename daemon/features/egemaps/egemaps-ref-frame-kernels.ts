// The reference backend of the streaming eGeMAPS pipeline: EgemapsFrameKernels over the TypeScript kernels
// in ../ref (f64 arithmetic, f32 buffers like the WASM backend).
import type { FeatureBackend } from '../frame-kernels.ts';
import { applyWindow } from '../ref/apply-window.ts';
import { auditoryLoudness } from '../ref/auditory-loudness.ts';
import { bandRatios } from '../ref/band-ratios.ts';
import { bandSlope } from '../ref/band-slope.ts';
import { dot } from '../ref/dot.ts';
import { meanSquare } from '../ref/energy.ts';
import { magnitudeFlux } from '../ref/magnitude-flux.ts';
import { matVec } from '../ref/mat-vec.ts';
import { melBands } from '../ref/mel-filterbank.ts';
import { mfcc } from '../ref/mfcc.ts';
import { octaveSpline } from '../ref/octave-spline.ts';
import { powerToMagnitude } from '../ref/power-to-magnitude.ts';
import { rfftPower } from '../ref/rfft.ts';
import { sanitize } from '../ref/sanitize.ts';
import { specEnhance } from '../ref/spec-enhance.ts';
import { harmonicShifts, subharmonicSum } from '../ref/subharmonic-sum.ts';
import { xcorrScan } from '../ref/xcorr-scan.ts';
import { EGEMAPS as E } from './egemaps-config.ts';
import { LONG_SLOTS, type EgemapsFrameKernels } from './egemaps-frame-kernels.ts';
import { formantsFromAcf } from './formants.ts';
import { pitchCandidates, type PitchCandidates } from './pitch-candidates.ts';
import { SLIDING_FLOATS, SlidingSignal } from './sliding-signal.ts';
import { checkpointFields } from './checkpoint.ts';
import { egemapsTables } from './egemaps-tables.ts';

const SHORT_BINS = E.shortFft / 2 + 1, LONG_BINS = E.longFft / 2 + 1;
const DF = E.sampleRate / E.shortFft, SLOPE_MID = Math.round(500 / DF), SLOPE_HI = Math.round(1500 / DF);

export class RefEgemapsFrameKernels implements EgemapsFrameKernels {
  readonly backend: FeatureBackend = 'ref';
  private readonly t = egemapsTables();
  private readonly fb = { nBands: E.melBands, bands: this.t.melBands, weights: this.t.melWeights };
  private readonly shifts = harmonicShifts(this.t.spline.ppo, E.shsHarmonics);
  private readonly buf = new Float32Array(SLIDING_FLOATS);
  private readonly sig = new SlidingSignal(
    () => this.buf,
    (at, n) => sanitize(this.buf.subarray(at, at + n), 1e6),
  );
  private readonly shortWin = new Float32Array(E.shortFft);
  private readonly longWin = new Float32Array(E.longFft);
  private pow = new Float32Array(SHORT_BINS);
  private prev = new Float32Array(SHORT_BINS);
  private readonly mel = new Float32Array(E.melBands);
  private readonly ceps = new Float32Array(E.mfccCount);
  private readonly resampled = new Float32Array(this.t.resampledLength);
  private readonly acf = new Float64Array(E.lpcOrder + 1);
  private readonly roots = new Float64Array(2 * E.lpcOrder);
  private readonly longPow = new Float32Array(LONG_BINS);
  private readonly mags = Array.from({ length: LONG_SLOTS }, () => new Float32Array(LONG_BINS));
  private readonly octave = new Float32Array(LONG_BINS);
  private readonly shs = new Float32Array(LONG_BINS);
  private readonly pair = new Float32Array(2);
  private spectra = 0;
  private shortAt = -1;
  private longAt = -1;

  reset(): void {
    this.sig.reset();
    this.spectra = 0;
    this.shortAt = this.longAt = -1;
    this.roots.fill(0);
  }

  append(samples: Float32Array): void {
    this.sig.append(samples);
    this.shortAt = this.longAt = -1;
  }

  release(before: number): void {
    this.sig.release(before);
  }

  window(): { x: Float32Array; start: number } {
    return { x: this.buf, start: this.sig.start };
  }

  checkpoint(): () => void {
    return checkpointFields(this, ['sig']);
  }

  memoryBytes(): number {
    return this.buf.byteLength + this.mags.length * this.mags[0].byteLength;
  }

  private at(index: number): number {
    return E.hop * index - this.sig.start;
  }

  private windowShort(index: number): void {
    if (this.shortAt === index) return;
    applyWindow(this.buf, this.at(index), E.shortFrame, this.t.hamming, E.shortFft, this.shortWin);
    this.shortAt = index;
  }

  shortLlds(index: number, out: Float64Array): void {
    this.windowShort(index);
    [this.prev, this.pow] = [this.pow, this.prev];
    rfftPower(this.shortWin, E.shortFft, this.pow);
    melBands(this.pow, this.fb, this.mel);
    this.spectra++;
    out[0] = meanSquare(this.buf.subarray(this.at(index)), E.shortFrame);
    out[1] = auditoryLoudness(this.mel, E.melBands, this.t.loudnessWeights, E.loudnessFloor, E.loudnessExponent);
    bandRatios(this.pow, SHORT_BINS, DF, E.specFloor, this.pair);
    out[2] = this.pair[0];
    out[3] = this.pair[1];
    out[4] = bandSlope(this.pow, 0, SLOPE_MID, DF, E.specFloor);
    out[5] = bandSlope(this.pow, SLOPE_MID, SLOPE_HI, DF, E.specFloor);
    out[6] = this.spectra < 2 ? 0 : magnitudeFlux(this.pow, this.prev, E.fluxBins);
    mfcc(this.mel, E.melBands, 1 / E.mfccScale, this.t.mfccDct, E.mfccCount, this.ceps);
    for (let i = 0; i < E.mfccCount; i++) out[7 + i] = this.ceps[i];
  }

  formants(index: number, freqs: Float64Array, bandwidths: Float64Array): void {
    this.windowShort(index);
    matVec(this.t.resample, this.t.resampledLength, E.shortFrame, this.shortWin, this.resampled);
    const n = this.t.resampledLength;
    for (let k = 0; k <= E.lpcOrder; k++) this.acf[k] = dot(this.resampled, 0, k, n - k);
    formantsFromAcf(this.acf, freqs, bandwidths, this.roots);
  }

  private windowLong(index: number): void {
    if (this.longAt === index) return;
    applyWindow(this.buf, this.at(index), E.longFrame, this.t.gauss, E.longFft, this.longWin);
    this.longAt = index;
  }

  longFrame(index: number, slot: number, out: PitchCandidates): number {
    this.windowLong(index);
    const rms = Math.sqrt(meanSquare(this.longWin, E.longFrame));
    const mag = this.mags[slot];
    rfftPower(this.longWin, E.longFft, this.longPow);
    powerToMagnitude(this.longPow, LONG_BINS, mag);
    this.octave.set(mag);
    specEnhance(this.octave, LONG_BINS);
    octaveSpline(this.octave, this.t.spline, this.shs);
    subharmonicSum(this.shs, LONG_BINS, this.shifts, E.shsCompression, this.octave);
    const s = this.t.spline;
    pitchCandidates(this.octave, LONG_BINS, s.fminT, s.fstepT, out);
    return rms;
  }

  longMagnitude = (slot: number): Float32Array => this.mags[slot];

  longAcf(index: number, lag: number): number {
    this.windowLong(index);
    return dot(this.longWin, 0, lag, E.longFft - lag) + (lag > 0 ? dot(this.longWin, E.longFft - lag, 0, lag) : 0);
  }

  xcorrScan(a: number, t0: number, t1: number, out: Float64Array): void {
    xcorrScan(this.buf, a - this.sig.start, t0, t1, out);
  }
}
