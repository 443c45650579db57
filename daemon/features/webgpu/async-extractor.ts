// One asynchronous face over every feature backend, for callers that pick the backend at
// run time (the CLI's --backend): 'wasm', 'wasm-scalar' and 'ref' wrap the synchronous
// extractor, 'webgpu' is the GPU one, and 'auto' takes the GPU only where it is hardware.
// On a software adapter (llvmpipe) the WASM SIMD kernels are faster (docs/benchmarks.md).
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureVector } from '../../core/types.ts';
import { createFeatureExtractor } from '../extractor.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { requestGpuDevice, type GpuDeviceOptions } from './gpu-device.ts';
import { createWebGpuFeatureExtractor } from './webgpu-extractor.ts';

export type FeatureBackendChoice = FeatureBackend | 'webgpu' | 'auto';
export const FEATURE_BACKEND_CHOICES: readonly FeatureBackendChoice[] = ['auto', 'wasm', 'webgpu', 'wasm-scalar', 'ref'];

export interface AsyncFeatureExtractor {
  readonly names: readonly string[];
  readonly backend: FeatureBackend | 'webgpu';
  /** Where the kernels run, for logs: 'wasm SIMD', or the GPU adapter. */
  readonly description: string;
  extract(samples: Float32Array): Promise<FeatureVector>;
  extractBatch(signals: readonly Float32Array[]): Promise<FeatureVector[]>;
  dispose(): Promise<void>;
}

async function cpuExtractor(backend: FeatureBackend): Promise<AsyncFeatureExtractor> {
  const e = await createFeatureExtractor({ backend });
  return {
    names: e.names,
    backend,
    description: backend === 'wasm' ? 'wasm SIMD' : backend,
    extract: async (samples) => e.extract(samples),
    extractBatch: async (signals) => signals.map((x) => e.extract(x)),
    dispose: async () => undefined,
  };
}

async function gpuExtractor(handle: Parameters<typeof createWebGpuFeatureExtractor>[0]): Promise<AsyncFeatureExtractor> {
  const e = await createWebGpuFeatureExtractor(handle);
  return {
    names: e.names,
    backend: 'webgpu',
    description: `webgpu on ${e.adapter}`,
    extract: (samples) => e.extract(samples),
    extractBatch: (signals) => e.extractBatch(signals),
    dispose: () => e.dispose(),
  };
}

/**
 * createFeatureExtractor for any backend, asynchronous. 'webgpu' throws EmotiondError
 * 'FEATURES' when there is no adapter; 'auto' (the default) never does: it falls back to
 * 'wasm' when there is no adapter or only a software one.
 */
export async function createAsyncFeatureExtractor(
  opts: { backend?: FeatureBackendChoice; gpu?: GpuDeviceOptions } = {},
): Promise<AsyncFeatureExtractor> {
  const backend = opts.backend ?? 'auto';
  if (backend === 'webgpu') return gpuExtractor({ gpu: opts.gpu });
  if (backend === 'auto') {
    const handle = await requestGpuDevice(opts.gpu);
    if (handle && !handle.software) return gpuExtractor({ handle });
    handle?.device.destroy();
    return cpuExtractor('wasm');
  }
  if (backend === 'wasm' || backend === 'wasm-scalar' || backend === 'ref') return cpuExtractor(backend);
  throw new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (${FEATURE_BACKEND_CHOICES.join(', ')})`);
}
