// The eGeMAPS set behind the same asynchronous face as async-extractor.ts, for callers that
// pick the backend at run time (`emotiond features --set egemaps --backend ...`): 'webgpu'
// is the GPU one (an error without an adapter), 'auto' takes it only on a hardware adapter
// (on a software one the WASM SIMD kernels are faster: docs/benchmarks.md), the CPU
// backends wrap the synchronous extractor.
import { EmotiondError } from '../../core/errors.ts';
import { createEgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { FEATURE_BACKEND_CHOICES, type AsyncFeatureExtractor, type FeatureBackendChoice } from './async-extractor.ts';
import { requestGpuDevice, type GpuDeviceOptions, type GpuHandle } from './gpu-device.ts';
import { createWebGpuEgemapsExtractor } from './webgpu-egemaps-extractor.ts';

async function cpuEgemaps(backend: FeatureBackend): Promise<AsyncFeatureExtractor> {
  const e = await createEgemapsExtractor({ backend });
  return {
    names: e.names,
    backend,
    description: backend === 'wasm' ? 'wasm SIMD' : backend,
    extract: async (samples) => e.extract(samples),
    extractBatch: async (signals) => signals.map((x) => e.extract(x)),
    dispose: async () => undefined,
  };
}

async function gpuEgemaps(opts: { handle?: GpuHandle; gpu?: GpuDeviceOptions }): Promise<AsyncFeatureExtractor> {
  const e = await createWebGpuEgemapsExtractor(opts);
  return {
    names: e.names,
    backend: 'webgpu',
    description: `webgpu on ${e.adapter}`,
    extract: (samples) => e.extract(samples),
    extractBatch: (signals) => e.extractBatch(signals),
    dispose: () => e.dispose(),
  };
}

export async function createAsyncEgemapsExtractor(
  opts: { backend?: FeatureBackendChoice; gpu?: GpuDeviceOptions } = {},
): Promise<AsyncFeatureExtractor> {
  const backend = opts.backend ?? 'auto';
  if (backend === 'webgpu') return gpuEgemaps({ gpu: opts.gpu });
  if (backend === 'auto') {
    const handle = await requestGpuDevice(opts.gpu);
    if (handle && !handle.software) return gpuEgemaps({ handle });
    handle?.device.destroy();
    return cpuEgemaps('wasm');
  }
  if (backend === 'wasm' || backend === 'wasm-scalar' || backend === 'ref') return cpuEgemaps(backend);
  throw new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (${FEATURE_BACKEND_CHOICES.join(', ')})`);
}
