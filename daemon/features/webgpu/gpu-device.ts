// Gets a WebGPU device for the feature kernels. Under Deno, navigator.gpu (wgpu). Under Node,
// Dawn through the `webgpu` package, whose backend is chosen by the caller or the environment
// (named as config overrides are, for a `webgpu:` config section):
//   EMOTIOND_WEBGPU__BACKEND  auto (default): Dawn's own choice (Vulkan, Metal, D3D12 on a
//                             real GPU), then the software path if that yields no adapter;
//                             software: Dawn's OpenGL ES backend on Mesa llvmpipe; any other
//                             word is passed to Dawn as backend=WORD (vulkan, opengles...)
//   EMOTIOND_WEBGPU__FLAGS    extra Dawn instance flags, comma-separated (or a YAML list)
// The software path needs EGL_PLATFORM=surfaceless (no display here) and the compatibility
// feature level: without it llvmpipe's GLES offers no adapter (docs: shared STACK notes).
import { loadDawn } from '../../core/dawn-node.ts';
import { EmotiondError, errorMessage } from '../../core/errors.ts';

export interface GpuDeviceOptions {
  /** 'auto', 'software' or a Dawn backend name; default from EMOTIOND_WEBGPU__BACKEND, else 'auto'. */
  backend?: string;
  /** Extra Dawn instance flags; default from EMOTIOND_WEBGPU__FLAGS. */
  flags?: readonly string[];
}

export interface GpuHandle {
  readonly device: GPUDevice;
  /** Vendor, architecture and description of the adapter, for logs and benchmarks. */
  readonly description: string;
  /** A CPU implementation (llvmpipe, lavapipe, SwiftShader): usually slower than the WASM kernels. */
  readonly software: boolean;
}

interface Attempt { flags: string[]; adapter: GPURequestAdapterOptions }

const isDeno = (): boolean => 'Deno' in globalThis;

export function gpuOptionsFromEnv(env: Record<string, string | undefined> = process.env): Required<GpuDeviceOptions> {
  const flags = (env.EMOTIOND_WEBGPU__FLAGS ?? '').replace(/^\s*\[|\]\s*$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
  return { backend: env.EMOTIOND_WEBGPU__BACKEND?.trim() || 'auto', flags };
}

const SOFTWARE: Attempt = { flags: ['backend=opengles'], adapter: { featureLevel: 'compatibility' } };

/** The Dawn instances to try, in order, for a backend choice. */
export function dawnAttempts(opts: Required<GpuDeviceOptions>): Attempt[] {
  const extra = [...opts.flags];
  if (opts.backend === 'software') return [{ ...SOFTWARE, flags: [...SOFTWARE.flags, ...extra] }];
  if (opts.backend === 'auto') {
    return [{ flags: extra, adapter: {} }, { ...SOFTWARE, flags: [...SOFTWARE.flags, ...extra] }];
  }
  // An explicit backend: core first, then compatibility (GL-class backends offer only that).
  const flags = [`backend=${opts.backend}`, ...extra];
  return [{ flags, adapter: {} }, { flags, adapter: { featureLevel: 'compatibility' } }];
}

export function describeAdapter(info: GPUAdapterInfo | undefined): { description: string; software: boolean } {
  // Dawn's GL backend leaves vendor empty and names the renderer (llvmpipe...) in `device`.
  const parts = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s && s.length);
  const description = [...new Set(parts)].join(' / ') || 'unknown adapter';
  const software = info?.isFallbackAdapter === true || /llvmpipe|lavapipe|softpipe|swiftshader/i.test(description);
  return { description, software };
}

/**
 * Dawn instances that gave an adapter. An instance that is garbage-collected while its
 * device lives takes the device's threads down with it (the process aborts), so each one
 * is kept for the life of the process; there is one per requestGpuDevice call.
 */
const liveInstances: GPU[] = [];

async function nodeAdapter(opts: Required<GpuDeviceOptions>): Promise<GPUAdapter | null> {
  // The native addon is only needed (and only loadable) under Node. GPUBufferUsage,
  // GPUMapMode... are globals in browsers and Deno; loadDawn defines Dawn's, and keeps views
  // of shared memory away from it.
  const { create } = await loadDawn();
  for (const a of dawnAttempts(opts)) {
    if (a.flags.includes('backend=opengles') && process.env.EGL_PLATFORM === undefined) {
      process.env.EGL_PLATFORM = 'surfaceless';
    }
    const instance = create(a.flags);
    // Dawn throws on a backend name it does not know: a configuration error, said as such.
    const adapter = await instance.requestAdapter(a.adapter).catch((err: unknown) => {
      throw new EmotiondError('FEATURES', `WebGPU backend "${opts.backend}" (flags ${a.flags.join(' ')}): ${errorMessage(err)}`, { cause: err });
    });
    if (adapter) {
      liveInstances.push(instance);
      return adapter;
    }
  }
  return null;
}

/**
 * A device for the feature kernels, or null when no adapter exists (callers then skip or
 * use the WASM backend). Throws EmotiondError 'FEATURES' when an adapter exists but its
 * device cannot be made.
 */
export async function requestGpuDevice(opts: GpuDeviceOptions = {}): Promise<GpuHandle | null> {
  const o = { ...gpuOptionsFromEnv(), ...stripUndefined(opts) };
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  const adapter = isDeno() ? (nav?.gpu ? await nav.gpu.requestAdapter() : null) : await nodeAdapter(o);
  if (!adapter) return null;
  const { description, software } = describeAdapter(adapter.info);
  try {
    // Defaults suffice: kernels use 64 invocations (the compatibility limit is 128) and at
    // most 5 storage buffers; ask for 8 of those where the adapter has them.
    const storage = Math.min(8, adapter.limits.maxStorageBuffersPerShaderStage);
    const device = await adapter.requestDevice({ requiredLimits: { maxStorageBuffersPerShaderStage: storage } });
    return { device, description, software };
  } catch (err) {
    throw new EmotiondError('FEATURES', `WebGPU adapter "${description}" gave no device: ${errorMessage(err)}`, { cause: err });
  }
}

/**
 * Builds something on a device: the one given, or a new one. No adapter is EmotiondError
 * 'FEATURES' (no silent fallback); a build that throws releases the device first.
 */
export async function buildOnGpu<T>(opts: { handle?: GpuHandle; gpu?: GpuDeviceOptions }, build: (gpu: GpuHandle) => Promise<T>): Promise<T> {
  const gpu = opts.handle ?? (await requestGpuDevice(opts.gpu));
  if (!gpu) {
    throw new EmotiondError('FEATURES', 'no WebGPU adapter (set EMOTIOND_WEBGPU__BACKEND=software for the CPU one, or use backend wasm)');
  }
  try {
    return await build(gpu);
  } catch (err) {
    gpu.device.destroy();
    throw err;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
