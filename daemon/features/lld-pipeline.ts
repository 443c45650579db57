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

export function computeLlds(k: FrameKernels, samples: Float32Array, llds: readonly LldDef[] = DEFAULT_LLDS): LldMatrix {
  const names = lldColumns(llds);
  const stages = stagesFor(llds);
  const frames = k.load(samples);
  const data = new Float32Array(names.length * frames);
  const row = new Float32Array(names.length);
  const offsets = llds.map((_, i) => llds.slice(0, i).reduce((s, d) => s + d.columns.length, 0));
  for (let f = 0; f < frames; f++) {
    for (const s of stages) {
      if (s === 'frame') k.frame(f);
      else if (s === 'spectrum') k.spectrum();
      else if (s === 'mel') k.mel();
      else k.pitch(f);
    }
    for (let i = 0; i < llds.length; i++) llds[i].compute(k, row, offsets[i]);
    for (let c = 0; c < names.length; c++) data[c * frames + f] = row[c];
  }
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
