// One asynchronous face over every feature backend, for callers that pick the backend at
// run time (the CLI's --backend): 'wasm', 'wasm-scalar' and 'ref' wrap the synchronous
// extractor, 'webgpu' is the GPU one, and 'auto' takes the GPU only where a calibration on
// this adapter measured it faster than WASM for the work at hand (auto-calibration.ts).
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import { createFeatureExtractor } from '../extractor.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { requestGpuDevice, type GpuDeviceOptions, type GpuHandle } from './gpu-device.ts';
import { createWebGpuFeatureExtractor } from './webgpu-extractor.ts';
import { calibrationCacheFile, calibrationKey, calibrationSignals, decide, measure, readCalibration, writeCalibration, type CalibrationWork } from './auto-calibration.ts';
import { wrapSyncExtractor } from './wrap-sync-extractor.ts';

export type FeatureBackendChoice = FeatureBackend | 'webgpu' | 'auto';
export const FEATURE_BACKEND_CHOICES: readonly FeatureBackendChoice[] = ['auto', 'wasm', 'webgpu', 'wasm-scalar', 'ref'];

export interface AsyncFeatureExtractor {
  readonly names: readonly string[];
  readonly backend: FeatureBackend | 'webgpu';
  /** Where the kernels run, for logs: 'wasm SIMD', or the GPU adapter. */
  readonly description: string;
  /** With backend 'auto': which backend it took and why, with the measured figures. */
  readonly choice?: string;
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
  /** What 'auto' calibrates for: one signal at a time (default, the daemon) or batches. */
  work?: CalibrationWork;
  /** Where 'auto' caches its calibrations (default calibrationCacheFile()). */
  calibrationFile?: string;
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
  /** The feature set's id: calibrations are kept per set and adapter. */
  set: string;
  cpu(backend: FeatureBackend): Promise<FeatureExtractor>;
  gpu(opts: { handle?: GpuHandle; gpu?: GpuDeviceOptions }): Promise<GpuExtractor>;
}

/**
 * The one place that decides where a set's features run: 'webgpu' is the GPU extractor (an
 * EmotiondError 'FEATURES' without an adapter), 'auto' takes it only where it measured
 * faster here and never fails (its `choice` says why), the CPU backends wrap the
 * synchronous extractor.
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
  if (backend === 'auto') return chooseByCalibration(make, opts, onCpu, onGpu);
  if (backend === 'wasm' || backend === 'wasm-scalar' || backend === 'ref') return onCpu(backend);
  throw new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (${FEATURE_BACKEND_CHOICES.join(', ')})`);
}

async function chooseByCalibration(
  make: BackendFactories, opts: AsyncExtractorOptions,
  onCpu: (b: FeatureBackend) => Promise<AsyncFeatureExtractor>,
  onGpu: (o: { handle?: GpuHandle }) => Promise<AsyncFeatureExtractor>,
): Promise<AsyncFeatureExtractor> {
  const work = opts.work ?? 'single';
  const handle = await requestGpuDevice(opts.gpu).catch(() => null);
  if (!handle) return { ...(await onCpu('wasm')), choice: 'features.backend auto: wasm, no WebGPU adapter' };
  const file = opts.calibrationFile ?? calibrationCacheFile();
  const key = calibrationKey(make.set, handle.description, work);
  let figures = readCalibration(file, key);
  const cached = figures !== null;
  let gpu: AsyncFeatureExtractor | null = null;
  if (!figures) {
    gpu = await onGpu({ handle });
    const signals = calibrationSignals();
    figures = { wasm: await measure(await make.cpu('wasm'), signals, work), webgpu: await measure(gpu, signals, work), at: new Date().toISOString() };
    writeCalibration(file, key, figures);
  }
  const { gpu: takeGpu, reason } = decide(make.set, handle.description, work, figures, cached);
  if (takeGpu) return { ...(gpu ?? (await onGpu({ handle }))), choice: reason };
  if (gpu) await gpu.dispose();
  else handle.device.destroy();
  return { ...(await onCpu('wasm')), choice: reason };
}

/**
 * createFeatureExtractor (emotiond-v1) for any backend, asynchronous. 'webgpu' throws
 * EmotiondError 'FEATURES' when there is no adapter; 'auto' (the default) never does: it
 * takes 'wasm' when there is no adapter or the adapter measured no faster.
 */
export function createAsyncFeatureExtractor(opts: AsyncExtractorOptions = {}): Promise<AsyncFeatureExtractor> {
  return chooseFeatureBackend({ set: 'emotiond-v1', cpu: (backend) => createFeatureExtractor({ backend }), gpu: createWebGpuFeatureExtractor }, opts);
}
