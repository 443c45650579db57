// Runs a set of LLDs frame by frame over a signal with one backend and returns the frame
// matrix. The stages the LLDs need are computed once per frame, in dependency order, and
// shared. The matrix is column-major: each LLD contour is contiguous, as functionals read it.
import { EmotiondError } from '../core/errors.ts';
import { ANALYSIS } from './analysis-config.ts';
import { STAGE_DEPENDS, STAGE_ORDER, type FrameKernels, type Stage } from './frame-kernels.ts';
import { DEFAULT_LLDS, type LldDef } from './lld-registry.ts';

export interface LldMatrix {
  readonly names: readonly string[];
  readonly frames: number;
  /** Frames per second (100). */
  readonly frameRate: number;
  /** Column-major: column c is data[c * frames, (c + 1) * frames). */
  readonly data: Float32Array;
  /** The contour of a named column (a view into data); throws on an unknown name. */
  column(name: string): Float32Array;
}

export function lldColumns(llds: readonly LldDef[] = DEFAULT_LLDS): string[] {
  return llds.flatMap((d) => d.columns);
}

function stagesFor(llds: readonly LldDef[]): Stage[] {
  const want = new Set<Stage>();
  const add = (s: Stage): void => {
    if (want.has(s)) return;
    want.add(s);
    STAGE_DEPENDS[s].forEach(add);
  };
  llds.forEach((d) => d.needs.forEach(add));
  return STAGE_ORDER.filter((s) => want.has(s));
}

/** One frame's row of LLDs: the stages they need, once each and in order, then each LLD. */
export class FrameWalker {
  readonly names: string[];
  readonly row: Float32Array;
  private readonly stages: Stage[];
  private readonly offsets: number[];

  constructor(private readonly llds: readonly LldDef[] = DEFAULT_LLDS) {
    this.names = lldColumns(llds);
    this.stages = stagesFor(llds);
    this.row = new Float32Array(this.names.length);
    this.offsets = llds.map((_, i) => llds.slice(0, i).reduce((s, d) => s + d.columns.length, 0));
  }

  /** Fills row with frame f's values (frames in order 0, 1, 2...). */
  walk(k: FrameKernels, f: number): Float32Array {
    for (const s of this.stages) {
      if (s === 'frame') k.frame(f);
      else if (s === 'spectrum') k.spectrum();
      else if (s === 'mel') k.mel();
      else k.pitch(f);
    }
    for (let i = 0; i < this.llds.length; i++) this.llds[i].compute(k, this.row, this.offsets[i]);
    return this.row;
  }
}

export function computeLlds(k: FrameKernels, samples: Float32Array, llds: readonly LldDef[] = DEFAULT_LLDS): LldMatrix {
  const walker = new FrameWalker(llds);
  const names = walker.names;
  const frames = k.load(samples);
  const data = new Float32Array(names.length * frames);
  for (let f = 0; f < frames; f++) {
    const row = walker.walk(k, f);
    for (let c = 0; c < names.length; c++) data[c * frames + f] = row[c];
  }
  return lldMatrix(names, frames, data);
}

/** The matrix over column-major data (column c is data[c * frames, (c + 1) * frames)). */
export function lldMatrix(names: readonly string[], frames: number, data: Float32Array): LldMatrix {
  const index = new Map(names.map((n, i) => [n, i]));
  return {
    names,
    frames,
    frameRate: ANALYSIS.sampleRate / ANALYSIS.hop,
    data,
    column(name: string): Float32Array {
      const c = index.get(name);
      if (c === undefined) throw new EmotiondError('FEATURES', `no LLD column "${name}" (have: ${names.join(', ')})`);
      return data.subarray(c * frames, (c + 1) * frames);
    },
  };
}
