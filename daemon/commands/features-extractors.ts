// The extractor behind `emotiond features` for a set and backend, in the one shape the
// command prints from (sync CPU extractors and async GPU ones alike); shared by the command
// and its batch workers (features-task.ts).
import type { FeatureExtractor } from '../core/types.ts';
import type { FeatureBackend } from '../features/frame-kernels.ts';
import type { AsyncFeatureExtractor } from '../features/webgpu/async-extractor.ts';

/** What the command needs of an extractor, sync (WASM, reference) or async (WebGPU). */
export interface RowExtractor {
  names: readonly string[];
  extract(samples: Float32Array): Promise<Float32Array>;
  /** With --backend auto: the backend taken and why. */
  choice?: string;
  /** GPU backends: many files per dispatch (BATCH_FILES at a time). */
  extractBatch?(signals: Float32Array[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/** Files decoded and handed to a GPU backend at once: enough per dispatch, bounded memory. */
export const BATCH_FILES = 32;

/** The async (WebGPU-capable) extractors, with their batch entry. */
const fromAsync = (x: AsyncFeatureExtractor): RowExtractor => ({
  names: x.names,
  choice: x.choice,
  extract: async (samples) => (await x.extract(samples)).values,
  extractBatch: async (signals) => (await x.extractBatch(signals)).map((v) => v.values),
  dispose: () => x.dispose(),
});

const fromSync = (x: FeatureExtractor): RowExtractor => ({
  names: x.names,
  extract: async (samples) => x.extract(samples).values,
  dispose: async () => undefined,
});

export async function extractorFor(set: string, backend: string): Promise<RowExtractor> {
  const gpu = backend === 'webgpu' || backend === 'auto';
  if (set === 'egemaps') {
    if (gpu) {
      const { createAsyncEgemapsExtractor } = await import('../features/webgpu/async-egemaps-extractor.ts');
      return fromAsync(await createAsyncEgemapsExtractor({ backend, work: 'batch' }));
    }
    const { createEgemapsExtractor } = await import('../features/egemaps/egemaps-extractor.ts');
    return fromSync(await createEgemapsExtractor({ backend: backend as FeatureBackend }));
  }
  if (set === 'extended' || set === 'extended2') {
    // CPU kernels only; --backend webgpu is refused with the reason, auto takes WASM.
    const { createAsyncSetExtractor } = await import('../features/feature-sets.ts');
    const x = await createAsyncSetExtractor(set === 'extended' ? 'emotiond-extended-v1' : 'emotiond-extended-v2', backend as FeatureBackend | 'webgpu' | 'auto');
    return { names: x.names, choice: x.choice, extract: async (samples) => (await x.extract(samples)).values, dispose: () => x.dispose() };
  }
  if (!gpu) {
    const { createFeatureExtractor } = await import('../features/extractor.ts');
    return fromSync(await createFeatureExtractor({ backend: backend as FeatureBackend }));
  }
  const { createAsyncFeatureExtractor } = await import('../features/webgpu/async-extractor.ts');
  return fromAsync(await createAsyncFeatureExtractor({ backend, work: 'batch' }));
}

