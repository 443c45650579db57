// EgemapsFrameKernels for the WebGPU backend: the 20 ms spectral LLDs (frame mean square,
// loudness, alpha ratio, Hammarberg index, the two band slopes, flux, MFCC 1-4) of a whole
// signal are computed on the GPU beforehand (submit + ready, both asynchronous, many signals
// per dispatch); prepare(samples), which the LLD pipeline calls for batch extraction, selects
// that signal's table and shortLlds(i) reads row i. Everything else (formants, the 60 ms
// frames, pitch, harmonics, period matching) is delegated to the WASM frame kernels, so F0,
// voicing and formants are the WASM path's own numbers. A signal that was not submitted
// (a stream) gets its 20 ms LLDs from the WASM kernels too.
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { EGEMAPS as E } from '../egemaps/egemaps-config.ts';
import { SHORT_LLDS, type EgemapsFrameKernels } from '../egemaps/egemaps-frame-kernels.ts';
import type { PitchCandidates } from '../egemaps/pitch-candidates.ts';
import { planChunks } from './batch-plan.ts';
import { egemapsShortFrames, packEgemapsChunk } from './egemaps-batch.ts';
import { EGEMAPS_SCALARS, type EgemapsColumns, type GpuEgemapsStage } from './egemaps-stage.ts';

function emptyColumns(frames: number): EgemapsColumns {
  const cols = Object.fromEntries(EGEMAPS_SCALARS.map((c) => [c, new Float32Array(frames)]));
  return { ...(cols as Record<(typeof EGEMAPS_SCALARS)[number], Float32Array>), frames, ratios: new Float32Array(2 * frames), mfcc: new Float32Array(E.mfccCount * frames) };
}

export class WebGpuEgemapsKernels implements EgemapsFrameKernels {
  private readonly pending = new Map<Float32Array, Promise<EgemapsColumns>>();
  private readonly done = new Map<Float32Array, EgemapsColumns>();
  private table: EgemapsColumns | null = null;

  constructor(
    private readonly stage: GpuEgemapsStage,
    private readonly cpu: EgemapsFrameKernels,
    /** Frames per GPU submission (bounds GPU memory: about 5 KB a frame). */
    private readonly maxFrames = 4096,
  ) {
    if (SHORT_LLDS.length !== 7 + E.mfccCount) throw new EmotiondError('FEATURES', `WebGPU eGeMAPS: SHORT_LLDS changed (${SHORT_LLDS.join(', ')})`);
  }

  /** FeatureBackend names CPU kernel sets; the CPU stages behind this one are theirs. */
  get backend(): FeatureBackend {
    return this.cpu.backend;
  }

  /**
   * Submits the GPU work for every signal (many signals per dispatch); a signal's results are
   * awaited with ready(). Chunks run in order, so the first signals are ready first.
   */
  submit(signals: readonly Float32Array[]): void {
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

  /** Waits for a submitted signal's GPU results; prepare() may then select them. */
  async ready(samples: Float32Array): Promise<void> {
    const p = this.pending.get(samples);
    if (!p) throw new EmotiondError('FEATURES', 'WebGPU eGeMAPS: signal was not submitted');
    this.done.set(samples, await p);
  }

  /** Drops every submitted result (after a batch). */
  clear(): void {
    this.pending.clear();
    this.done.clear();
    this.table = null;
  }

  reset(): void {
    this.table = null;
    this.cpu.reset();
  }

  prepare(samples: Float32Array): void {
    this.table = this.done.get(samples) ?? null;
    this.cpu.prepare?.(samples);
  }

  append(samples: Float32Array): void {
    this.cpu.append(samples);
  }

  release(before: number): void {
    this.cpu.release(before);
  }

  window(): { x: Float32Array; start: number } {
    return this.cpu.window();
  }

  shortLlds(index: number, out: Float64Array): void {
    const t = this.table;
    if (!t || index >= t.frames) return this.cpu.shortLlds(index, out);
    // SHORT_LLDS order: energy, Loudness, alphaRatio, hammarbergIndex, slope0-500, slope500-1500, spectralFlux, mfcc1..4.
    out[0] = t.meanSquare[index];
    out[1] = t.loudness[index];
    out[2] = t.ratios[2 * index];
    out[3] = t.ratios[2 * index + 1];
    out[4] = t.slopeLow[index];
    out[5] = t.slopeHigh[index];
    out[6] = t.flux[index];
    for (let i = 0; i < E.mfccCount; i++) out[7 + i] = t.mfcc[E.mfccCount * index + i];
  }

  formants(index: number, freqs: Float64Array, bandwidths: Float64Array): void {
    this.cpu.formants(index, freqs, bandwidths);
  }

  longFrame(index: number, slot: number, out: PitchCandidates): number {
    return this.cpu.longFrame(index, slot, out);
  }

  longMagnitude(slot: number): Float32Array {
    return this.cpu.longMagnitude(slot);
  }

  longAcf(index: number, lag: number): number {
    return this.cpu.longAcf(index, lag);
  }

  xcorrScan(a: number, t0: number, t1: number, out: Float64Array): void {
    this.cpu.xcorrScan(a, t0, t1, out);
  }

  /** The GPU table is read-only once prepared: only the CPU stages' state changes. */
  checkpoint(): () => void {
    return this.cpu.checkpoint();
  }

  memoryBytes(): number {
    return this.cpu.memoryBytes();
  }
}
