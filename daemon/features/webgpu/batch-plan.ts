// How a batch of signals is cut into GPU chunks of at most maxFrames frames, and packed.
// A chunk holds whole signals where they fit; a longer one is split into pieces, and a piece
// that does not start at frame 0 carries the frame before it as context, so spectral flux
// (which reads the previous frame) is computed the same as in one pass. Pure: no GPU here.
import { ANALYSIS } from '../analysis-config.ts';
import { frameStart16 } from '../signal-layout.ts';

export interface Piece {
  readonly signal: number;
  /** Frames [from, to) of the signal are results; frame from - 1 is context when `context`. */
  readonly from: number;
  readonly to: number;
  readonly context: boolean;
}

export interface Chunk {
  readonly pieces: readonly Piece[];
  /** Rows in the chunk, context frames included. */
  readonly frames: number;
}

export function planChunks(frameCounts: readonly number[], maxFrames: number): Chunk[] {
  if (maxFrames < 2) throw new RangeError(`maxFrames must be >= 2 (got ${maxFrames})`);
  const chunks: Chunk[] = [];
  let pieces: Piece[] = [];
  let used = 0;
  const close = (): void => {
    if (pieces.length) chunks.push({ pieces, frames: used });
    pieces = [];
    used = 0;
  };
  frameCounts.forEach((count, signal) => {
    for (let at = 0; at < count; ) {
      const context = at > 0;
      if (maxFrames - used < (context ? 2 : 1)) close();
      const take = Math.min(count - at, maxFrames - used - (context ? 1 : 0));
      pieces.push({ signal, from: at, to: at + take, context });
      used += take + (context ? 1 : 0);
      at += take;
    }
  });
  close();
  return chunks;
}

export interface PackedChunk {
  /** The samples every frame reads, sanitised as the WASM path does (NaN/Inf -> 0, clamped). */
  readonly signal: Float32Array<ArrayBuffer>;
  /** Per row: offset of its first sample in `signal`. */
  readonly starts: Uint32Array<ArrayBuffer>;
  /** Per row: 1 when the row before is this frame's predecessor in the same signal. */
  readonly continues: Uint32Array<ArrayBuffer>;
  /** Per piece: the row of its first result frame (after its context row). */
  readonly firstRow: readonly number[];
}

/** Lays out a chunk's frames: each piece copies the stretch of its signal its frames cover. */
export function packChunk(signals: readonly Float32Array[], chunk: Chunk): PackedChunk {
  const { frameLength: len, hop, padding, sampleLimit } = ANALYSIS;
  const spans = chunk.pieces.map((p) => {
    const first = p.context ? p.from - 1 : p.from;
    // In x16 coordinates ([padding zeros | samples | padding zeros]).
    return { first, begin: frameStart16(first), end: frameStart16(p.to - 1) + len };
  });
  const signal = new Float32Array(spans.reduce((s, sp) => s + sp.end - sp.begin, 0));
  const starts = new Uint32Array(chunk.frames);
  const continues = new Uint32Array(chunk.frames);
  const firstRow: number[] = [];
  let at = 0, row = 0;
  chunk.pieces.forEach((p, i) => {
    const { first, begin, end } = spans[i];
    const x = signals[p.signal];
    for (let j = begin; j < end; j++) {
      const k = j - padding;
      const v = k >= 0 && k < x.length ? x[k] : 0;
      signal[at + j - begin] = Number.isFinite(v) ? Math.min(Math.max(v, -sampleLimit), sampleLimit) : 0;
    }
    firstRow.push(row + (p.context ? 1 : 0));
    for (let f = first; f < p.to; f++, row++) {
      starts[row] = at + hop * (f - first);
      continues[row] = f > first ? 1 : 0;
    }
    at += end - begin;
  });
  return { signal, starts, continues, firstRow };
}
