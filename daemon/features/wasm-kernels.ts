// The WASM backend: FrameKernels over the AssemblyScript kernels (SIMD or scalar build).
// Tables and per-frame buffers are allocated once in the constructor; each load() resets
// the arena to that point and allocates the signal buffers, so no kernel allocates;
// openStream() does the same with the fixed sliding buffers of a stream (stream-signal.ts).
import { ANALYSIS, PITCH_GEOMETRY, frameCount } from './analysis-config.ts';
import type { FeatureBackend, FrameState, StreamingFrameKernels } from './frame-kernels.ts';
import { kernelTables } from './kernel-tables.ts';
import { frameStart16, pitchStartCoarse, signalLayout } from './signal-layout.ts';
import { LEVELS, StreamedSignal, levelSize } from './stream-signal.ts';
import { WasmHeap } from './wasm-heap.ts';
import type { FeatureWasm } from './wasm-loader.ts';

const A = ANALYSIS;
const G = PITCH_GEOMETRY;

export class WasmFrameKernels implements StreamingFrameKernels {
  private readonly heap: WasmHeap;
  private readonly w: FeatureWasm;
  private readonly bins: number;
  private readonly binHz: number;
  private readonly ceps: number;
  /** Byte addresses of the fixed buffers, allocated once. */
  private readonly p: {
    window: number; melBands: number; melWeights: number; dct: number; taps: number;
    fftTables: number; fftWork: number; raw: number; win: number; pow: number; prev: number;
    logP: number; mel: number; melLog: number; ceps: number; pitchScratch: number; pitchOut: number;
  };
  private readonly mark: number;
  private x16 = 0;
  private d16 = 0;
  private coarse = 0;
  private spectra = 0;

  constructor(wasm: FeatureWasm, readonly backend: FeatureBackend) {
    this.w = wasm;
    this.heap = new WasmHeap(wasm);
    const t = kernelTables();
    const h = this.heap;
    this.bins = t.bins;
    this.binHz = t.binHz;
    this.ceps = t.ceps;
    this.p = {
      window: h.put(t.window),
      melBands: h.put(t.mel.bands),
      melWeights: h.put(t.mel.weights),
      dct: h.put(t.dct),
      taps: h.put(t.taps),
      fftTables: h.alloc(wasm.rfftTableBytes(A.fftSize) >> 2),
      fftWork: h.alloc(A.fftSize),
      raw: h.alloc(A.frameLength),
      win: h.alloc(A.fftSize),
      pow: h.alloc(t.bins),
      prev: h.alloc(t.bins),
      logP: h.alloc(t.bins),
      mel: h.alloc(A.melBands),
      melLog: h.alloc(A.melBands),
      ceps: h.alloc(t.ceps),
      pitchScratch: h.alloc(G.maxLag - G.minLag + 2 * G.factor + 16),
      pitchOut: h.alloc(4),
    };
    wasm.rfftInit(A.fftSize, this.p.fftTables);
    this.mark = wasm.arenaMark();
  }

  load(samples: Float32Array): number {
    const w = this.w, l = signalLayout(samples.length);
    w.arenaReset(this.mark);
    this.x16 = this.heap.alloc(l.len16);
    this.d16 = this.heap.alloc(l.len16);
    const at = this.x16 + 4 * A.padding;
    this.heap.f32.set(samples, at >> 2);
    w.sanitize(at, l.n, A.sampleLimit);
    w.dcBlock(at, this.d16 + 4 * A.padding, l.n, A.dcBlockPole);
    let level = this.d16;
    for (const st of l.steps) {
      const next = this.heap.alloc(st.length);
      w.decimate2(level + 4 * st.input, st.count, this.p.taps, A.decimatorTaps, next + 4 * st.from);
      level = next;
    }
    this.coarse = level;
    this.spectra = 0;
    return frameCount(l.n);
  }

  /**
   * The level buffers are allocated after the tables, as load() allocates its signal; each
   * buffer's address is shifted by its origin so that frame() and pitch() address it as
   * they address a loaded signal.
   */
  openStream(): StreamedSignal {
    const w = this.w, h = this.heap;
    w.arenaReset(this.mark);
    const bufs = Array.from({ length: LEVELS }, (_, l) => h.alloc(levelSize(l)));
    const taps = this.p.taps, n = A.decimatorTaps;
    this.spectra = 0;
    return new StreamedSignal({
      view: (l) => h.f32.subarray(bufs[l] >> 2, (bufs[l] >> 2) + levelSize(l)),
      sanitize: (at, len) => w.sanitize(bufs[0] + 4 * at, len, A.sampleLimit),
      decimate: (l, inAt, count, outAt) => w.decimate2(bufs[l - 1] + 4 * inAt, count, taps, n, bufs[l] + 4 * outAt),
      round: Math.fround,
      moved: (origins) => {
        this.x16 = bufs[0] - 4 * origins[0];
        this.d16 = bufs[1] - 4 * origins[1];
        this.coarse = bufs[LEVELS - 1] - 4 * origins[LEVELS - 1];
      },
    });
  }

  memoryBytes(): number {
    return this.w.memory.buffer.byteLength;
  }

  saveFrameState(): FrameState {
    const f = this.heap.f32, o = this.p.pow >> 2;
    return { spectra: this.spectra, pow: f.slice(o, o + this.bins) };
  }

  restoreFrameState(state: FrameState): void {
    this.spectra = state.spectra;
    this.heap.f32.set(state.pow, this.p.pow >> 2);
  }

  frame(index: number): void {
    const p = this.p;
    this.w.frameWindow(this.x16 + 4 * frameStart16(index), A.frameLength, p.window, A.preEmphasis, A.fftSize, p.raw, p.win);
  }

  spectrum(): void {
    const p = this.p;
    [p.prev, p.pow] = [p.pow, p.prev];
    this.spectra++;
    this.w.rfftPower(p.win, A.fftSize, p.fftTables, p.fftWork, p.pow);
    this.w.logPower(p.pow, this.bins, A.powerFloor, p.logP);
  }

  mel(): void {
    this.w.melBands(this.p.pow, this.p.melBands, A.melBands, this.p.melWeights, this.p.mel);
  }

  pitch(index: number): void {
    const s = pitchStartCoarse(index), p = this.p;
    this.w.pitchFrame(this.coarse + 4 * s, this.d16 + 4 * G.factor * s, G.factor, G.win, G.minLag, G.maxLag,
      A.sampleRate, A.voicingThreshold, A.octaveCost, A.pitchSilenceMs, p.pitchScratch, p.pitchOut);
  }

  meanSquare = (): number => this.w.meanSquare(this.p.raw, A.frameLength);
  zeroCrossingRate = (): number => this.w.zeroCrossingRate(this.p.raw, A.frameLength);
  spectralCentroid = (): number => this.w.spectralCentroid(this.p.pow, this.bins, this.binHz, A.silentPowerSum);
  spectralRolloff = (): number =>
    this.w.spectralRolloff(this.p.pow, this.bins, this.binHz, A.rolloffFraction, A.silentPowerSum);
  spectralFlatness = (): number =>
    this.w.spectralFlatness(this.p.pow, this.p.logP, A.spectralLowBin, this.bins, A.silentPowerSum);
  spectralEntropy = (): number =>
    this.w.spectralEntropy(this.p.pow, this.p.logP, A.spectralLowBin, this.bins, A.silentPowerSum);
  spectralSlope = (): number =>
    this.w.spectralSlope(this.p.pow, this.p.logP, A.spectralLowBin, this.bins, this.binHz, A.silentPowerSum);
  spectralFlux = (): number =>
    this.spectra < 2 ? 0 : this.w.spectralFlux(this.p.pow, this.p.prev, this.bins, A.silentPowerSum);
  loudness = (): number => this.w.loudness(this.p.mel, A.melBands, A.loudnessExponent);

  mfcc(out: Float32Array): void {
    const p = this.p;
    this.w.mfcc(p.mel, A.melBands, A.melFloor, p.dct, this.ceps, p.melLog, p.ceps);
    const f = this.heap.f32;
    for (let i = 0; i < this.ceps; i++) out[i] = f[(p.ceps >> 2) + i];
  }

  melEnergies(out: Float32Array): void {
    const f = this.heap.f32, o = this.p.mel >> 2;
    for (let i = 0; i < A.melBands; i++) out[i] = f[o + i];
  }

  powerSpectrum(out: Float32Array): void {
    const f = this.heap.f32, o = this.p.pow >> 2;
    for (let i = 0; i < this.bins; i++) out[i] = f[o + i];
  }

  pitchResult(out: Float32Array): void {
    const f = this.heap.f32, o = this.p.pitchOut >> 2;
    for (let i = 0; i < 4; i++) out[i] = f[o + i];
  }
}
