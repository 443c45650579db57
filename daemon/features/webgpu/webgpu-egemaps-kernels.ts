// EgemapsKernels for the WebGPU backend: the 20 ms spectral LLDs (mean square, loudness,
// MFCC 1-4, alpha ratio, Hammarberg index, the two band slopes, flux) were computed on the
// GPU for the whole signal beforehand (prepare + ready, both asynchronous); shortFrame(i)
// only selects row i. Everything else (the 60 ms frames, pitch, harmonics, period matching)
// is delegated to the WASM kernels, and the formants' ACF is the WASM path's own
// (wasm-formant-acf.ts), so F0, voicing and formants are bit-identical to the WASM backend.
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { EGEMAPS as E } from '../egemaps/egemaps-config.ts';
import type { EgemapsKernels } from '../egemaps/egemaps-kernels.ts';
import { planChunks } from './batch-plan.ts';
import { egemapsShortFrames, packEgemapsChunk } from './egemaps-batch.ts';
import { EGEMAPS_SCALARS, SLOPE_BANDS, type EgemapsColumns, type GpuEgemapsStage } from './egemaps-stage.ts';
import type { WasmFormantAcf } from './wasm-formant-acf.ts';

function emptyColumns(frames: number): EgemapsColumns {
  const cols = Object.fromEntries(EGEMAPS_SCALARS.map((c) => [c, new Float32Array(frames)]));
  return { ...(cols as Record<(typeof EGEMAPS_SCALARS)[number], Float32Array>), frames, ratios: new Float32Array(2 * frames), mfcc: new Float32Array(E.mfccCount * frames) };
}

export class WebGpuEgemapsKernels implements EgemapsKernels {
  private readonly pending = new Map<Float32Array, Promise<EgemapsColumns>>();
  private readonly done = new Map<Float32Array, EgemapsColumns>();
  private cols: EgemapsColumns = emptyColumns(0);
  private f = 0;

  constructor(
    private readonly stage: GpuEgemapsStage,
    private readonly cpu: EgemapsKernels,
    private readonly formantAcf: WasmFormantAcf,
    /** Frames per GPU submission (bounds GPU memory: about 5 KB a frame). */
    private readonly maxFrames = 4096,
  ) {}

  /** FeatureBackend names CPU kernel sets; the CPU stages behind this one are theirs. */
  get backend(): FeatureBackend {
    return this.cpu.backend;
  }

  /**
   * Submits the GPU work for every signal (many signals per dispatch); a signal's results are
   * awaited with ready(). Chunks run in order, so the first signals are ready first.
   */
  prepare(signals: readonly Float32Array[]): void {
    const counts = signals.map((x) => egemapsShortFrames(x.length));
    const out = counts.map(emptyColumns);
    const waits: Promise<void>[][] = signals.map(() => []);
    for (const chunk of planChunks(counts, this.maxFrames)) {
      const packed = packEgemapsChunk(signals, chunk);
      const run = this.stage.run(packed).then((c) => {
        chunk.pieces.forEach((p, i) => {
          const dst = out[p.signal], r = packed.firstRow[i], len = p.to - p.from;
          for (const name of EGEMAPS_SCALARS) dst[name].set(c[name].subarray(r, r + len), p.from);
          dst.ratios.set(c.ratios.subarray(2 * r, 2 * (r + len)), 2 * p.from);
          dst.mfcc.set(c.mfcc.subarray(E.mfccCount * r, E.mfccCount * (r + len)), E.mfccCount * p.from);
        });
      });
      for (const p of chunk.pieces) waits[p.signal].push(run);
    }
    signals.forEach((x, i) => {
      const ready = Promise.all(waits[i]).then(() => out[i]);
      ready.catch(() => undefined); // awaited (and reported) by ready(); not unhandled meanwhile
      this.pending.set(x, ready);
    });
  }

  /** Waits for a prepared signal's GPU results; load() may then take it. */
  async ready(samples: Float32Array): Promise<void> {
    const p = this.pending.get(samples);
    if (!p) throw new EmotiondError('FEATURES', 'WebGPU eGeMAPS: signal was not prepared');
    this.done.set(samples, await p);
  }

  /** Drops every prepared result (after a batch). */
  clear(): void {
    this.pending.clear();
    this.done.clear();
    this.cols = emptyColumns(0);
  }

  load(samples: Float32Array): number {
    const cols = this.done.get(samples);
    if (!cols) throw new EmotiondError('FEATURES', 'WebGPU eGeMAPS: load() before prepare() and ready() for this signal');
    this.cols = cols;
    const frames = this.cpu.load(samples);
    this.formantAcf.load(this.cpu.signal());
    return frames;
  }

  signal = (): Float32Array => this.cpu.signal();

  shortFrame(index: number): void {
    if (index >= this.cols.frames) throw new RangeError(`20 ms frame ${index} of ${this.cols.frames}`);
    this.f = index;
  }

  shortMeanSquare = (): number => this.cols.meanSquare[this.f];
  loudness = (): number => this.cols.loudness[this.f];

  mfcc(out: Float64Array): void {
    for (let i = 0; i < E.mfccCount; i++) out[i] = this.cols.mfcc[E.mfccCount * this.f + i];
  }

  bandRatios(out: Float64Array): void {
    out[0] = this.cols.ratios[2 * this.f];
    out[1] = this.cols.ratios[2 * this.f + 1];
  }

  bandSlope(lo: number, hi: number): number {
    const { low, high } = SLOPE_BANDS;
    if (lo === low.LO && hi === low.HI) return this.cols.slopeLow[this.f];
    if (lo === high.LO && hi === high.HI) return this.cols.slopeHigh[this.f];
    throw new EmotiondError('FEATURES', `WebGPU eGeMAPS: no GPU slope for bins ${lo}..${hi} (egemaps-stage.ts SLOPE_BANDS)`);
  }

  flux = (): number => this.cols.flux[this.f];

  resampledAcf(out: Float64Array): void {
    this.formantAcf.acf(this.f, out);
  }

  longFrame(index: number): void {
    this.cpu.longFrame(index);
  }

  longRms = (): number => this.cpu.longRms();
  longMagnitude = (): Float32Array => this.cpu.longMagnitude();
  shsSpectrum = (): Float32Array => this.cpu.shsSpectrum();
  longAcf = (lag: number): number => this.cpu.longAcf(lag);
  xcorr = (a: number, b: number, n: number): number => this.cpu.xcorr(a, b, n);
}
