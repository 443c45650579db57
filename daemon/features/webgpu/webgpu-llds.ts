// LLD matrices of many signals with the spectral stages on the GPU and pitch on the CPU
// (the WASM kernels: F0 is a chain of data-dependent decisions, cheap next to the spectra,
// and this way bit-identical to the WASM path). The CPU works on pitch while the GPU runs.
import { ANALYSIS, frameCount } from '../analysis-config.ts';
import type { FrameKernels } from '../frame-kernels.ts';
import { computeLlds, type LldMatrix } from '../lld-pipeline.ts';
import type { LldDef } from '../lld-registry.ts';
import { packChunk, planChunks } from './batch-plan.ts';
import { GpuFrameView } from './gpu-frame-view.ts';
import { SCALAR_COLUMNS, type GpuSpectralStage, type SpectralColumns } from './spectral-stage.ts';

const CEPS = ANALYSIS.mfccCount + 1;

function emptyColumns(frames: number): SpectralColumns {
  const cols = Object.fromEntries(SCALAR_COLUMNS.map((c) => [c, new Float32Array(frames)]));
  return { ...(cols as Record<(typeof SCALAR_COLUMNS)[number], Float32Array>), frames, ceps: new Float32Array(CEPS * frames) };
}

function pitchRows(cpu: FrameKernels, samples: Float32Array, frames: number): Float32Array {
  const rows = new Float32Array(4 * frames), one = new Float32Array(4);
  cpu.load(samples);
  for (let f = 0; f < frames; f++) {
    cpu.pitch(f);
    cpu.pitchResult(one);
    rows.set(one, 4 * f);
  }
  return rows;
}

export async function computeLldsWebGpu(
  stage: GpuSpectralStage, cpu: FrameKernels, signals: readonly Float32Array[], llds: readonly LldDef[], maxFrames: number,
): Promise<LldMatrix[]> {
  const counts = signals.map((x) => frameCount(x.length));
  const spectral = counts.map(emptyColumns);
  const chunks = planChunks(counts, maxFrames);
  // Chunks run one after another on the GPU (the stage queues them) ...
  const gpuDone = Promise.all(chunks.map(async (chunk) => {
    const packed = packChunk(signals, chunk);
    const cols = await stage.run(packed);
    chunk.pieces.forEach((p, i) => {
      const dst = spectral[p.signal], r = packed.firstRow[i], len = p.to - p.from;
      for (const c of SCALAR_COLUMNS) dst[c].set(cols[c].subarray(r, r + len), p.from);
      dst.ceps.set(cols.ceps.subarray(CEPS * r, CEPS * (r + len)), CEPS * p.from);
    });
  }));
  // ... while the CPU tracks pitch.
  const needsPitch = llds.some((d) => d.needs.includes('pitch'));
  const pitch = signals.map((x, i) => (needsPitch ? pitchRows(cpu, x, counts[i]) : new Float32Array(4 * counts[i])));
  await gpuDone;
  return signals.map((x, i) => computeLlds(new GpuFrameView(spectral[i], pitch[i], cpu), x, llds));
}
