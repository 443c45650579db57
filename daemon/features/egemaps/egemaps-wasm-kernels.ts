// The WASM backend of the eGeMAPS pipeline: EgemapsKernels over the AssemblyScript kernels
// (SIMD or scalar build). Tables and frame buffers are allocated once; load() resets the
// arena to that point and allocates the signal, so no kernel allocates.
import type { FeatureBackend } from '../frame-kernels.ts';
import { harmonicShifts } from '../ref/subharmonic-sum.ts';
import { WasmHeap } from '../wasm-heap.ts';
import type { FeatureWasm } from '../wasm-loader.ts';
import { EGEMAPS as E, egemapsFrameCount } from './egemaps-config.ts';
import { SIGNAL_TAIL, type EgemapsKernels } from './egemaps-kernels.ts';
import { egemapsTables, resampleBinTables } from './egemaps-tables.ts';

const SHORT_BINS = E.shortFft / 2 + 1, LONG_BINS = E.longFft / 2 + 1;

export class WasmEgemapsKernels implements EgemapsKernels {
  private readonly heap: WasmHeap;
  private readonly w: FeatureWasm;
  private readonly p: Record<string, number>;
  private readonly nShifts: number;
  private readonly rows: number;
  private readonly rsBins: number;
  private readonly mark: number;
  private x = 0;
  private length = 0;
  private at = 0;
  private spectra = 0;

  constructor(wasm: FeatureWasm, readonly backend: FeatureBackend) {
    this.w = wasm;
    const h = (this.heap = new WasmHeap(wasm)), t = egemapsTables(), s = t.spline;
    const shifts = harmonicShifts(s.ppo, E.shsHarmonics);
    const spline = new Float32Array(10 * s.n);
    [s.sig, s.pInv, s.q, s.c6, s.invDx, s.wa, s.wb, s.ca, s.cb, s.audWeight].forEach((a, i) => spline.set(a, i * s.n));
    this.nShifts = shifts.length;
    this.rows = t.resampledLength;
    const rs = resampleBinTables();
    this.rsBins = rs.bins;
    this.p = {
      hamming: h.put(t.hamming), gauss: h.put(t.gauss), melBands: h.put(t.melBands), melWeights: h.put(t.melWeights),
      loudW: h.put(t.loudnessWeights), dct: h.put(t.mfccDct), resample: h.put(rs.table), spline: h.put(spline),
      klo: h.put(s.klo), shifts: h.put(shifts),
      fft512: h.alloc(wasm.rfftTableBytes(E.shortFft) >> 2), fft1024: h.alloc(wasm.rfftTableBytes(E.longFft) >> 2),
      fftWork: h.alloc(E.longFft), shortWin: h.alloc(E.shortFft), longWin: h.alloc(E.longFft),
      pow: h.alloc(SHORT_BINS), prev: h.alloc(SHORT_BINS), mel: h.alloc(E.melBands), melLog: h.alloc(E.melBands),
      ceps: h.alloc(E.mfccCount), pair: h.alloc(2), resampled: h.alloc(this.rows), longPow: h.alloc(LONG_BINS),
      mag: h.alloc(LONG_BINS), work: h.alloc(LONG_BINS), splineWork: h.alloc(3 * LONG_BINS), octave: h.alloc(LONG_BINS),
      shs: h.alloc(LONG_BINS), rsWork: h.alloc(wasm.resampleBinsWorkBytes() >> 2),
    };
    wasm.rfftInit(E.shortFft, this.p.fft512);
    wasm.rfftInit(E.longFft, this.p.fft1024);
    this.mark = wasm.arenaMark();
  }

  private f32(ptr: number, n: number): Float32Array {
    return this.heap.f32.subarray(ptr >> 2, (ptr >> 2) + n);
  }

  load(samples: Float32Array): number {
    this.w.arenaReset(this.mark);
    this.length = samples.length + SIGNAL_TAIL;
    this.x = this.heap.alloc(this.length);
    this.heap.f32.set(samples, this.x >> 2);
    this.w.sanitize(this.x, samples.length, 1e6);
    this.spectra = 0;
    return egemapsFrameCount(samples.length);
  }

  signal = (): Float32Array => this.f32(this.x, this.length);

  shortFrame(index: number): void {
    const w = this.w, p = this.p;
    this.at = this.x + 4 * E.hop * index;
    w.applyWindow(this.at, E.shortFrame, p.hamming, E.shortFft, p.shortWin);
    [p.prev, p.pow] = [p.pow, p.prev];
    w.rfftPower(p.shortWin, E.shortFft, p.fft512, p.fftWork, p.pow);
    w.melBands(p.pow, p.melBands, E.melBands, p.melWeights, p.mel);
    this.spectra++;
  }

  shortMeanSquare = (): number => this.w.meanSquare(this.at, E.shortFrame);

  loudness = (): number => this.w.auditoryLoudness(this.p.mel, E.melBands, this.p.loudW, E.loudnessFloor, E.loudnessExponent);

  mfcc(out: Float64Array): void {
    const p = this.p;
    this.w.mfcc(p.mel, E.melBands, 1 / E.mfccScale, p.dct, E.mfccCount, p.melLog, p.ceps);
    out.set(this.f32(p.ceps, E.mfccCount));
  }

  bandRatios(out: Float64Array): void {
    this.w.bandRatios(this.p.pow, SHORT_BINS, E.sampleRate / E.shortFft, E.specFloor, this.p.pair);
    out.set(this.f32(this.p.pair, 2));
  }

  bandSlope = (lo: number, hi: number): number => this.w.bandSlope(this.p.pow, lo, hi, E.sampleRate / E.shortFft, E.specFloor);

  flux = (): number => (this.spectra < 2 ? 0 : this.w.magnitudeFlux(this.p.pow, this.p.prev, E.fluxBins));

  resampledAcf(out: Float64Array): void {
    const w = this.w, r = this.p.resampled, n = this.rows;
    // From the spectrum, as the stream's egemapsFormantRoots (wasm/assembly/resample-bins.ts).
    w.resampleBins(this.p.shortWin, this.p.fft512, this.rsBins, this.p.resample, n, this.p.rsWork, r);
    for (let k = 0; k <= E.lpcOrder; k++) out[k] = w.dot(r, r + 4 * k, n - k);
  }

  longFrame(index: number): void {
    const w = this.w, p = this.p;
    w.applyWindow(this.x + 4 * E.hop * index, E.longFrame, p.gauss, E.longFft, p.longWin);
    w.rfftPower(p.longWin, E.longFft, p.fft1024, p.fftWork, p.longPow);
    w.powerToMagnitude(p.longPow, LONG_BINS, p.mag);
  }

  longRms = (): number => Math.sqrt(this.w.meanSquare(this.p.longWin, E.longFrame));
  longMagnitude = (): Float32Array => this.f32(this.p.mag, LONG_BINS);

  shsSpectrum(): Float32Array {
    const w = this.w, p = this.p;
    this.heap.f32.copyWithin(p.work >> 2, p.mag >> 2, (p.mag >> 2) + LONG_BINS);
    w.specEnhance(p.work, LONG_BINS);
    w.octaveSpline(p.work, LONG_BINS, p.spline, p.klo, p.splineWork, p.octave);
    w.subharmonicSum(p.octave, LONG_BINS, p.shifts, this.nShifts, E.shsCompression, p.shs);
    return this.f32(p.shs, LONG_BINS);
  }

  longAcf = (lag: number): number => {
    const w = this.w, b = this.p.longWin, n = E.longFft;
    return w.dot(b, b + 4 * lag, n - lag) + (lag > 0 ? w.dot(b + 4 * (n - lag), b, lag) : 0);
  };

  xcorr = (a: number, b: number, n: number): number => this.w.centeredXcorr(this.x + 4 * a, this.x + 4 * b, n);
}
