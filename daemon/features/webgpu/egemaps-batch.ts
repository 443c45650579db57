// How signals are laid out for the eGeMAPS GPU stage: the 20 ms frames of every signal, cut
// into chunks by planChunks (batch-plan.ts: whole signals where they fit, a longer one split
// with the frame before each later piece as context, so flux reads the right predecessor).
// Frame i of a signal covers samples [160 i, 160 i + 320), zeros past the end, as the WASM
// kernels read it (their signal has a zero tail). Pure: no GPU here.
import { EGEMAPS as E, egemapsFrameCount, egemapsShortFrameCount } from '../egemaps/egemaps-config.ts';
import type { Chunk } from './batch-plan.ts';
import type { EgemapsChunkInput } from './egemaps-stage.ts';

/** The 20 ms frames computeEgemapsLlds visits for n samples. */
export const egemapsShortFrames = (n: number): number => Math.max(egemapsShortFrameCount(n), egemapsFrameCount(n));

export interface PackedEgemapsChunk extends EgemapsChunkInput {
  /** Per piece: the row of its first result frame (after its context row). */
  readonly firstRow: readonly number[];
}

/** NaN and +-Inf -> 0, the rest clamped to +-1e6: what the kernels' load() does (ref/sanitize.ts). */
const clean = (v: number): number => (Number.isFinite(v) ? Math.min(Math.max(v, -1e6), 1e6) : 0);

export function packEgemapsChunk(signals: readonly Float32Array[], chunk: Chunk): PackedEgemapsChunk {
  const spans = chunk.pieces.map((p) => {
    const first = p.context ? p.from - 1 : p.from;
    return { first, begin: E.hop * first, end: E.hop * (p.to - 1) + E.shortFrame };
  });
  const signal = new Float32Array(spans.reduce((s, sp) => s + sp.end - sp.begin, 0));
  const starts = new Uint32Array(chunk.frames);
  const continues = new Uint32Array(chunk.frames);
  const firstRow: number[] = [];
  let at = 0, row = 0;
  chunk.pieces.forEach((p, i) => {
    const { first, begin, end } = spans[i];
    const x = signals[p.signal], stop = Math.min(end, x.length);
    for (let j = begin; j < stop; j++) signal[at + j - begin] = clean(x[j]);
    firstRow.push(row + (p.context ? 1 : 0));
    for (let f = first; f < p.to; f++, row++) {
      starts[row] = at + E.hop * (f - first);
      continues[row] = f > first ? 1 : 0;
    }
    at += end - begin;
  });
  return { signal, starts, continues, firstRow };
}
