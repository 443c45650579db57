// The reference backend of the eGeMAPS pipeline: EgemapsKernels over the TypeScript kernels
// in ../ref (f64 arithmetic, f32 buffers like the WASM backend).
import type { FeatureBackend } from '../frame-kernels.ts';
import { applyWindow } from '../ref/apply-window.ts';
import { auditoryLoudness } from '../ref/auditory-loudness.ts';
import { bandRatios } from '../ref/band-ratios.ts';
import { bandSlope } from '../ref/band-slope.ts';
import { centeredXcorr } from '../ref/centered-xcorr.ts';
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
import { EGEMAPS as E, egemapsFrameCount } from './egemaps-config.ts';
import { SIGNAL_TAIL, type EgemapsKernels } from './egemaps-kernels.ts';
import { egemapsTables } from './egemaps-tables.ts';

const SHORT_BINS = E.shortFft / 2 + 1, LONG_BINS = E.longFft / 2 + 1;

export class RefEgemapsKernels implements EgemapsKernels {
  readonly backend: FeatureBackend = 'ref';
  private readonly t = egemapsTables();
  private readonly fb = { nBands: E.melBands, bands: this.t.melBands, weights: this.t.melWeights };
  private readonly shifts = harmonicShifts(this.t.spline.ppo, E.shsHarmonics);
  private x = new Float32Array(SIGNAL_TAIL);
  private readonly shortWin = new Float32Array(E.shortFft);
  private readonly longWin = new Float32Array(E.longFft);
  private pow = new Float32Array(SHORT_BINS);
  private prev = new Float32Array(SHORT_BINS);
  private readonly mel = new Float32Array(E.melBands);
  private readonly ceps = new Float32Array(E.mfccCount);
  private readonly resampled = new Float32Array(this.t.resampledLength);
  private readonly longPow = new Float32Array(LONG_BINS);
  private readonly mag = new Float32Array(LONG_BINS);
  private readonly octave = new Float32Array(LONG_BINS);
  private readonly shs = new Float32Array(LONG_BINS);
  private readonly pair = new Float32Array(2);
  private at = 0;
  private spectra = 0;
  private rms = 0;

  load(samples: Float32Array): number {
    this.x = new Float32Array(samples.length + SIGNAL_TAIL);
    this.x.set(samples);
    sanitize(this.x, 1e6);
    this.spectra = 0;
    return egemapsFrameCount(samples.length);
  }

  signal = (): Float32Array => this.x;

  shortFrame(index: number): void {
    this.at = E.hop * index;
    applyWindow(this.x, this.at, E.shortFrame, this.t.hamming, E.shortFft, this.shortWin);
    [this.prev, this.pow] = [this.pow, this.prev];
    rfftPower(this.shortWin, E.shortFft, this.pow);
    melBands(this.pow, this.fb, this.mel);
    this.spectra++;
  }

  shortMeanSquare = (): number => meanSquare(this.x.subarray(this.at), E.shortFrame);

  loudness(): number {
    return auditoryLoudness(this.mel, E.melBands, this.t.loudnessWeights, E.loudnessFloor, E.loudnessExponent);
  }

  mfcc(out: Float64Array): void {
    mfcc(this.mel, E.melBands, 1 / E.mfccScale, this.t.mfccDct, E.mfccCount, this.ceps);
    for (let i = 0; i < E.mfccCount; i++) out[i] = this.ceps[i];
  }

  bandRatios(out: Float64Array): void {
    bandRatios(this.pow, SHORT_BINS, E.sampleRate / E.shortFft, E.specFloor, this.pair);
    out[0] = this.pair[0];
    out[1] = this.pair[1];
  }

  bandSlope = (lo: number, hi: number): number => bandSlope(this.pow, lo, hi, E.sampleRate / E.shortFft, E.specFloor);

  flux = (): number => (this.spectra < 2 ? 0 : magnitudeFlux(this.pow, this.prev, E.fluxBins));

  resampledAcf(out: Float64Array): void {
    matVec(this.t.resample, this.t.resampledLength, E.shortFrame, this.shortWin, this.resampled);
    const n = this.t.resampledLength;
    for (let k = 0; k <= E.lpcOrder; k++) out[k] = dot(this.resampled, 0, k, n - k);
  }

  longFrame(index: number): void {
    applyWindow(this.x, E.hop * index, E.longFrame, this.t.gauss, E.longFft, this.longWin);
    this.rms = Math.sqrt(meanSquare(this.longWin, E.longFrame));
    rfftPower(this.longWin, E.longFft, this.longPow);
    powerToMagnitude(this.longPow, LONG_BINS, this.mag);
  }

  longRms = (): number => this.rms;
  longMagnitude = (): Float32Array => this.mag;

  shsSpectrum(): Float32Array {
    this.octave.set(this.mag);
    specEnhance(this.octave, LONG_BINS);
    octaveSpline(this.octave, this.t.spline, this.shs);
    subharmonicSum(this.shs, LONG_BINS, this.shifts, E.shsCompression, this.octave);
    return this.octave;
  }

  longAcf = (lag: number): number =>
    dot(this.longWin, 0, lag, E.longFft - lag) + (lag > 0 ? dot(this.longWin, E.longFft - lag, 0, lag) : 0);

  xcorr = (a: number, b: number, n: number): number => centeredXcorr(this.x, a, b, n);
}
