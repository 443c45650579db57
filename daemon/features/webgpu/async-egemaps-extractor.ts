// The eGeMAPS set behind the same asynchronous face as async-extractor.ts, for callers that
// pick the backend at run time (`emotiond features --set egemaps --backend ...`): 'webgpu'
// is the GPU one (an error without an adapter), 'auto' takes it only where it measured
// faster on this adapter (auto-calibration.ts), the CPU backends wrap the synchronous extractor.
import { createEgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import { chooseFeatureBackend, type AsyncExtractorOptions, type AsyncFeatureExtractor } from './async-extractor.ts';
import { createWebGpuEgemapsExtractor } from './webgpu-egemaps-extractor.ts';

export function createAsyncEgemapsExtractor(opts: AsyncExtractorOptions = {}): Promise<AsyncFeatureExtractor> {
  return chooseFeatureBackend({ set: 'egemaps-v02', cpu: (backend) => createEgemapsExtractor({ backend }), gpu: createWebGpuEgemapsExtractor }, opts);
}
