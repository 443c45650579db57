// A synchronous extractor (the CPU backends of every feature set) behind the asynchronous
// face that callers choosing a backend at run time use. Kept apart from the GPU code so that
// a daemon on the CPU backends never loads the WebGPU modules.
import type { FeatureExtractor } from '../../core/types.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import type { AsyncFeatureExtractor } from './async-extractor.ts';

export function wrapSyncExtractor(e: FeatureExtractor, backend: FeatureBackend): AsyncFeatureExtractor {
  return {
    names: e.names,
    backend,
    description: backend === 'wasm' ? 'wasm SIMD' : backend,
    extract: async (samples) => e.extract(samples),
    extractBatch: async (signals) => signals.map((x) => e.extract(x)),
    dispose: async () => undefined,
  };
}
