// One asynchronous face over every feature backend, for callers that pick the backend at
// run time (the CLI's --backend): 'wasm', 'wasm-scalar' and 'ref' wrap the synchronous
// extractor, 'webgpu' is the GPU one, and 'auto' takes the GPU only where it is hardware.
// On a software adapter (llvmpipe) the WASM SIMD kernels are faster (docs/benchmarks.md).
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import { createFeatureExtractor } from '../extractor.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { requestGpuDevice, type GpuDeviceOptions, type GpuHandle } from './gpu-device.ts';
import { createWebGpuFeatureExtractor } from './webgpu-extractor.ts';
import { wrapSyncExtractor } from './wrap-sync-extractor.ts';

export type FeatureBackendChoice = FeatureBackend | 'webgpu' | 'auto';
export const FEATURE_BACKEND_CHOICES: readonly FeatureBackendChoice[] = ['auto', 'wasm', 'webgpu', 'wasm-scalar', 'ref'];

export interface AsyncFeatureExtractor {
  readonly names: readonly string[];
  readonly backend: FeatureBackend | 'webgpu';
  /** Where the kernels run, for logs: 'wasm SIMD', or the GPU adapter. */
  readonly description: string;
  extract(samples: Float32Array): Promise<FeatureVector>;
  extractBatch(signals: readonly Float32Array[]): Promise<FeatureVector[]>;
  /**
   * Present where the set and backend stream (CPU kernels) and streams were asked for: a
   * stream on kernels of its own, so extract() may run between its pushes. One at a time.
   */
  stream?(): FeatureStream;
  dispose(): Promise<void>;
}

/** Options of every asynchronous extractor factory. */
export interface AsyncExtractorOptions {
  backend?: FeatureBackendChoice;
  gpu?: GpuDeviceOptions;
  /** Also make the stream() extractor (CPU backends; the daemon feeds segments as they arrive). */
  stream?: boolean;
}

/** What a GPU extractor of any set offers; wrapped into the asynchronous face as it is. */
interface GpuExtractor {
  readonly names: readonly string[];
  readonly adapter: string;
  extract(samples: Float32Array): Promise<FeatureVector>;
  extractBatch(signals: readonly Float32Array[]): Promise<FeatureVector[]>;
  dispose(): Promise<void>;
}

export interface BackendFactories {
  cpu(backend: FeatureBackend): Promise<FeatureExtractor>;
  gpu(opts: { handle?: GpuHandle; gpu?: GpuDeviceOptions }): Promise<GpuExtractor>;
}

/**
 * The one place that decides where a set's features run: 'webgpu' is the GPU extractor (an
 * EmotiondError 'FEATURES' without an adapter), 'auto' takes it only on a hardware adapter
 * and never fails, the CPU backends wrap the synchronous extractor.
 */
export async function chooseFeatureBackend(make: BackendFactories, opts: AsyncExtractorOptions = {}): Promise<AsyncFeatureExtractor> {
  const backend = opts.backend ?? 'auto';
  const onCpu = async (b: FeatureBackend): Promise<AsyncFeatureExtractor> =>
    wrapSyncExtractor(await make.cpu(b), b, opts.stream ? await make.cpu(b) : undefined);
  const onGpu = async (handleOpts: { handle?: GpuHandle; gpu?: GpuDeviceOptions }): Promise<AsyncFeatureExtractor> => {
    const e = await make.gpu(handleOpts);
    return {
      names: e.names,
      backend: 'webgpu',
      description: `webgpu on ${e.adapter}`,
      extract: (samples) => e.extract(samples),
      extractBatch: (signals) => e.extractBatch(signals),
      dispose: () => e.dispose(),
    };
  };
  if (backend === 'webgpu') return onGpu({ gpu: opts.gpu });
  if (backend === 'auto') {
    const handle = await requestGpuDevice(opts.gpu);
    if (handle && !handle.software) return onGpu({ handle });
    handle?.device.destroy();
    return onCpu('wasm');
  }
  if (backend === 'wasm' || backend === 'wasm-scalar' || backend === 'ref') return onCpu(backend);
  throw new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (${FEATURE_BACKEND_CHOICES.join(', ')})`);
}

/**
 * createFeatureExtractor (emotiond-v1) for any backend, asynchronous. 'webgpu' throws
 * EmotiondError 'FEATURES' when there is no adapter; 'auto' (the default) never does: it
 * falls back to 'wasm' when there is no adapter or only a software one.
 */
export function createAsyncFeatureExtractor(opts: AsyncExtractorOptions = {}): Promise<AsyncFeatureExtractor> {
  return chooseFeatureBackend({ cpu: (backend) => createFeatureExtractor({ backend }), gpu: createWebGpuFeatureExtractor }, opts);
}
