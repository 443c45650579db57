// A synchronous extractor (the CPU backends of every feature set) behind the asynchronous
// face that callers choosing a backend at run time use. Kept apart from the GPU code so that
// a daemon on the CPU backends never loads the WebGPU modules. A second extractor of the same
// set and backend, when given, serves stream(): a stream takes its kernels over, and extract()
// must stay usable between pushes (windows over long speech, segments the stream missed).
import type { FeatureExtractor } from '../../core/types.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import type { AsyncFeatureExtractor } from './async-extractor.ts';

export function wrapSyncExtractor(e: FeatureExtractor, backend: FeatureBackend, streamer?: FeatureExtractor): AsyncFeatureExtractor {
  const stream = streamer?.stream?.bind(streamer);
  return {
    ...(stream ? { stream } : {}),
    names: e.names,
    backend,
    description: backend === 'wasm' ? 'wasm SIMD' : backend,
    extract: async (samples) => e.extract(samples),
    extractBatch: async (signals) => signals.map((x) => e.extract(x)),
    dispose: async () => undefined,
  };
}
