// The WASM backend of the streaming eGeMAPS pipeline: EgemapsFrameKernels over the AssemblyScript kernels
// (SIMD or scalar build). Each 20 ms frame is one call (egemapsShort, plus
// egemapsFormantRoots) and each 60 ms frame one call (egemapsLong): a JS to WASM call costs
// about as much as a small kernel, so the per-kernel calls were a large share of the time.
// Tables, frame buffers, the sliding signal and the magnitude slots are allocated once, in
// the constructor, so linear memory does not grow after it.
import type { FeatureBackend } from '../frame-kernels.ts';
import { harmonicShifts } from '../ref/subharmonic-sum.ts';
import { WasmHeap } from '../wasm-heap.ts';
import type { FeatureWasm } from '../wasm-loader.ts';
import { EGEMAPS as E } from './egemaps-config.ts';
import { LONG_SLOTS, SHORT_LLDS, type EgemapsFrameKernels } from './egemaps-frame-kernels.ts';
import { formantsFromRoots } from './formants.ts';
import { startPoints } from './poly-roots.ts';
import { candidatesFromPeaks, type PitchCandidates } from './pitch-candidates.ts';
import { SLIDING_FLOATS, SlidingSignal } from './sliding-signal.ts';
import { checkpointFields } from './checkpoint.ts';
import { egemapsTables, resampleBinTables } from './egemaps-tables.ts';

const SHORT_BINS = E.shortFft / 2 + 1, LONG_BINS = E.longFft / 2 + 1;
const DF = E.sampleRate / E.shortFft;

interface FrameViews {
  shs: Float32Array<ArrayBufferLike>;
  peaks: Int32Array<ArrayBufferLike>;
  roots: Float64Array<ArrayBufferLike>;
  mags: Float32Array<ArrayBufferLike>[];
  win: { x: Float32Array<ArrayBufferLike>; start: number };
}

/** Context block slots read by wasm/assembly/egemaps-frames.ts (keep the two in step). */
const CTX = {
  hamming: 0, fft512: 1, fftWork: 2, shortWin: 3, pow: 4, prev: 5, melBands: 6, melWeights: 7, mel: 8, loudW: 9,
  dct: 10, melLog: 11, ceps: 12, pair: 13, resample: 14, resampled: 15, acf: 16, gauss: 17, fft1024: 18,
  longWin: 19, longPow: 20, work: 21, spline: 22, klo: 23, splineWork: 24, octave: 25, shifts: 26, shs: 27,
  peakIdx: 28, peakVal: 29, peakMean: 30, rsWork: 31,
  nMel: 32, loudFloor: 33, loudExp: 34, mfccFloor: 35, nMfcc: 36, shortDf: 37, specFloor: 38, fluxBins: 39,
  slopeMid: 40, slopeHi: 41, rsRows: 42, lpcOrder: 43, nShifts: 44, shsCompression: 45, nCandidates: 46,
  shortLen: 47, shortFft: 48, longLen: 49, longFft: 50, rsBins: 51,
} as const;
const CTX_SLOTS = 52;
/** Lags one period scan may cover (F0 >= 55 Hz needs about 60). */
const SCAN_LAGS = 1024;

export class WasmEgemapsFrameKernels implements EgemapsFrameKernels {
  private readonly heap: WasmHeap;
  private readonly w: FeatureWasm;
  private readonly ctx: number;
  private readonly ptr: Record<string, number>;
  private readonly sig: SlidingSignal;
  private readonly x: number;
  private readonly mags: number;
  private readonly out: number;
  private readonly roots: number;
  private readonly scanOut: number;
  private readonly starts: number;
  /** The 20 ms frames' complex FFT points (ring, frame f in slot f % LONG_SLOTS) and whose they are. */
  private readonly zRing: number;
  private readonly zAt = new Int32Array(LONG_SLOTS).fill(-1);
  private spectra = 0;
  private readonly fminT = egemapsTables().spline.fminT;
  private readonly fstepT = egemapsTables().spline.fstepT;
  private shortAt = -1;
  private longAt = -1;

  constructor(wasm: FeatureWasm, readonly backend: FeatureBackend) {
    this.w = wasm;
    const h = (this.heap = new WasmHeap(wasm)), t = egemapsTables(), s = t.spline;
    const shifts = harmonicShifts(s.ppo, E.shsHarmonics), rs = resampleBinTables();
    const spline = new Float32Array(10 * s.n);
    [s.sig, s.pInv, s.q, s.c6, s.invDx, s.wa, s.wb, s.ca, s.cb, s.audWeight].forEach((a, i) => spline.set(a, i * s.n));
    const p: Record<string, number> = (this.ptr = {
      hamming: h.put(t.hamming), gauss: h.put(t.gauss), melBands: h.put(t.melBands), melWeights: h.put(t.melWeights),
      loudW: h.put(t.loudnessWeights), dct: h.put(t.mfccDct), resample: h.put(rs.table), spline: h.put(spline),
      klo: h.put(s.klo), shifts: h.put(shifts),
      fft512: h.alloc(wasm.rfftTableBytes(E.shortFft) >> 2), fft1024: h.alloc(wasm.rfftTableBytes(E.longFft) >> 2),
      fftWork: h.alloc(E.longFft), shortWin: h.alloc(E.shortFft), longWin: h.alloc(E.longFft),
      pow: h.alloc(SHORT_BINS), prev: h.alloc(SHORT_BINS), mel: h.alloc(E.melBands), melLog: h.alloc(E.melBands),
      ceps: h.alloc(E.mfccCount), pair: h.alloc(2), resampled: h.alloc(t.resampledLength),
      rsWork: h.alloc(wasm.resampleBinsWorkBytes() >> 2),
      acf: h.alloc(2 * (E.lpcOrder + 1)), longPow: h.alloc(LONG_BINS), work: h.alloc(LONG_BINS),
      splineWork: h.alloc(3 * LONG_BINS), octave: h.alloc(LONG_BINS), shs: h.alloc(LONG_BINS),
      peakIdx: h.alloc(E.shsCandidates), peakVal: h.alloc(E.shsCandidates), peakMean: h.alloc(1),
    });
    wasm.rfftInit(E.shortFft, p.fft512);
    wasm.rfftInit(E.longFft, p.fft1024);
    this.ctx = h.alloc(CTX_SLOTS);
    const i32 = h.i32, f32 = h.f32, c = this.ctx >> 2;
    for (const [name, slot] of Object.entries(CTX)) if (name in p) i32[c + slot] = p[name];
    i32[c + CTX.nMel] = E.melBands;
    f32[c + CTX.loudFloor] = E.loudnessFloor;
    f32[c + CTX.loudExp] = E.loudnessExponent;
    f32[c + CTX.mfccFloor] = 1 / E.mfccScale;
    i32[c + CTX.nMfcc] = E.mfccCount;
    f32[c + CTX.shortDf] = DF;
    f32[c + CTX.specFloor] = E.specFloor;
    i32[c + CTX.fluxBins] = E.fluxBins;
    i32[c + CTX.slopeMid] = Math.round(500 / DF);
    i32[c + CTX.slopeHi] = Math.round(1500 / DF);
    i32[c + CTX.rsRows] = t.resampledLength;
    i32[c + CTX.rsBins] = rs.bins;
    i32[c + CTX.lpcOrder] = E.lpcOrder;
    i32[c + CTX.nShifts] = shifts.length;
    f32[c + CTX.shsCompression] = E.shsCompression;
    i32[c + CTX.nCandidates] = E.shsCandidates;
    i32[c + CTX.shortLen] = E.shortFrame;
    i32[c + CTX.shortFft] = E.shortFft;
    i32[c + CTX.longLen] = E.longFrame;
    i32[c + CTX.longFft] = E.longFft;
    this.x = h.alloc(SLIDING_FLOATS);
    this.mags = h.alloc(LONG_SLOTS * LONG_BINS);
    this.out = h.alloc(2 * SHORT_LLDS.length);
    this.roots = h.alloc(4 * E.lpcOrder);
    this.scanOut = h.alloc(SCAN_LAGS);
    this.starts = h.alloc(4 * E.lpcOrder);
    this.zRing = h.alloc(LONG_SLOTS * E.shortFft);
    this.f64.set(startPoints(E.lpcOrder), this.starts >> 3);
    this.sig = new SlidingSignal(
      () => this.views.win.x,
      (at, n) => this.w.sanitize(this.x + 4 * at, n, 1e6),
    );
  }

  private f32(ptr: number, n: number): Float32Array {
    return this.heap.f32.subarray(ptr >> 2, (ptr >> 2) + n);
  }

  // Views made once (per-frame subarrays were a good part of the garbage); re-made only if
  // linear memory was replaced, which does not happen after the constructor.
  private viewsOf: ArrayBuffer | null = null;
  private v: FrameViews = {
    shs: new Float32Array(0), peaks: new Int32Array(0), roots: new Float64Array(0), mags: [], win: { x: new Float32Array(0), start: 0 },
  };

  private get views(): FrameViews {
    const b = this.w.memory.buffer as ArrayBuffer;
    if (b !== this.viewsOf) {
      this.viewsOf = b;
      const p = this.ptr;
      this.v = {
        shs: this.f32(p.shs, LONG_BINS),
        peaks: this.heap.i32.subarray(p.peakIdx >> 2, (p.peakIdx >> 2) + E.shsCandidates),
        roots: this.f64.subarray(this.roots >> 3, (this.roots >> 3) + 2 * E.lpcOrder),
        mags: Array.from({ length: LONG_SLOTS }, (_, i) => this.f32(this.mags + 4 * i * LONG_BINS, LONG_BINS)),
        win: { x: this.f32(this.x, SLIDING_FLOATS), start: 0 },
      };
    }
    return this.v;
  }

  private f64View = new Float64Array(0);

  /** Linear memory as f64 (index = byte address / 8), re-made if memory was replaced. */
  private get f64(): Float64Array {
    if (this.f64View.buffer !== this.w.memory.buffer) this.f64View = new Float64Array(this.w.memory.buffer);
    return this.f64View;
  }

  reset(): void {
    this.sig.reset();
    this.spectra = 0;
    this.shortAt = this.longAt = -1;
    this.zAt.fill(-1);
    this.f64.fill(0, this.roots >> 3, (this.roots >> 3) + 2 * E.lpcOrder);
  }

  append(samples: Float32Array): void {
    this.sig.append(samples);
    this.shortAt = this.longAt = -1;
  }

  release(before: number): void {
    this.sig.release(before);
  }

  window(): { x: Float32Array; start: number } {
    const w = this.views.win;
    w.start = this.sig.start;
    return w;
  }

  memoryBytes(): number {
    return this.w.memory.buffer.byteLength;
  }

  /** The whole linear memory (fixed, about 0.5 MiB: a copy takes some 0.1 ms) and the JS-side state. */
  checkpoint(): () => void {
    const mem = new Uint8Array(this.w.memory.buffer).slice();
    const { spectra, shortAt, longAt } = this, zAt = this.zAt.slice();
    const undoSig = checkpointFields(this.sig);
    return () => {
      new Uint8Array(this.w.memory.buffer).set(mem);
      Object.assign(this, { spectra, shortAt, longAt });
      this.zAt.set(zAt);
      undoSig();
    };
  }

  private frame(index: number): number {
    return this.x + 4 * (E.hop * index - this.sig.start);
  }

  shortLlds(index: number, out: Float64Array): void {
    const slot = index % LONG_SLOTS;
    this.w.egemapsShort(this.ctx, this.frame(index), this.spectra++ > 0 ? 1 : 0, this.out, this.zRing + 4 * slot * E.shortFft);
    this.zAt[slot] = index;
    this.shortAt = index;
    const f64 = this.f64, o = this.out >> 3;
    for (let i = 0; i < SHORT_LLDS.length; i++) out[i] = f64[o + i];
  }

  formants(index: number, freqs: Float64Array, bandwidths: Float64Array): void {
    // The frame's FFT points kept from shortLlds when its slot still holds them (the frame is
    // decided at most about 45 frames after its spectrum); else window and transform again.
    const slot = index % LONG_SLOTS, z = this.zAt[slot] === index ? this.zRing + 4 * slot * E.shortFft : 0;
    if (z === 0 && this.shortAt !== index) {
      this.w.applyWindow(this.frame(index), E.shortFrame, this.ptr.hamming, E.shortFft, this.ptr.shortWin);
      this.shortAt = index;
    }
    if (this.w.egemapsFormantRoots(this.ctx, this.roots, this.starts, z) < 0) {
      freqs.fill(0);
      bandwidths.fill(0);
      return;
    }
    formantsFromRoots(this.views.roots, freqs, bandwidths);
  }

  longFrame(index: number, slot: number, out: PitchCandidates): number {
    const p = this.ptr, count = this.w.egemapsLong(this.ctx, this.frame(index), this.mags + 4 * slot * LONG_BINS, this.out);
    this.longAt = index;
    const rms = this.f64[this.out >> 3];
    const v = this.views;
    candidatesFromPeaks(v.shs, v.peaks, count, this.heap.f32[p.peakMean >> 2], this.fminT, this.fstepT, out);
    return rms;
  }

  longMagnitude = (slot: number): Float32Array => this.views.mags[slot];

  longAcf(index: number, lag: number): number {
    const w = this.w, b = this.ptr.longWin, n = E.longFft;
    if (this.longAt !== index) {
      w.applyWindow(this.frame(index), E.longFrame, this.ptr.gauss, E.longFft, b);
      this.longAt = index;
    }
    return w.dot(b, b + 4 * lag, n - lag) + (lag > 0 ? w.dot(b + 4 * (n - lag), b, lag) : 0);
  }

  xcorrScan(a: number, t0: number, t1: number, out: Float64Array): void {
    const n = t1 - t0 + 1;
    if (n > SCAN_LAGS) throw new RangeError(`xcorrScan: ${n} lags`);
    this.w.xcorrScan(this.x + 4 * (a - this.sig.start), t0, t1, this.scanOut);
    const f32 = this.heap.f32, o = this.scanOut >> 2;
    for (let i = 0; i < n; i++) out[i] = f32[o + i];
  }
}
