// onnxruntime-web's WebGPU execution provider under Node, and every workaround it needs
// there, in this one module (each has a test in test/unit/model/webgpu-env.test.ts):
//  1. navigator.gpu: Node has no navigator (20) or one without gpu (21+). It is set to a
//     Dawn instance (`webgpu` package) whose requestAdapter adds the feature level the
//     software path needs: ORT asks for none, and llvmpipe's GLES offers only compatibility.
//     Defined before onnxruntime-web is imported (1.30 reads it at the first session only).
//  2. Dawn's GPUQueue.writeBuffer rejects views of a SharedArrayBuffer ("Invalid argument";
//     on a hardware GPU the process died), and ORT's wasm memory is one: such views are
//     copied first, by the guard daemon/core/dawn-node.ts installs whenever Dawn is loaded.
//  3. V8 liftoff only while ORT compiles its 27 MB WebGPU wasm: optimising it hangs for
//     more than a minute here. Set around the first session and cleared after, so wasm
//     compiled later (the feature kernels) is optimised as usual.
//  4. numThreads = 1: ORT's worker threads do not load under Node.
// Under Deno none of this applies: navigator.gpu is built in, and the module is used as is.
// Where no adapter exists, the WASM runtime (the plain onnxruntime-web) is returned instead.
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import type * as Ort from 'onnxruntime-web';
import { copySharedWriteBuffer, loadDawn } from '../core/dawn-node.ts';
import { errorMessage } from '../core/errors.ts';
import { WASM_RUNTIME, type OrtRuntime } from './onnx-classifier.ts';

export type InferenceEp = 'wasm' | 'webgpu';

export interface EpRuntime {
  readonly ep: InferenceEp;
  readonly runtime: OrtRuntime;
  readonly executionProviders: string[];
  /** The adapter (webgpu), or why the WASM EP is used instead. */
  readonly note: string;
}

interface DawnAttempt { flags: string[]; adapter: GPURequestAdapterOptions }
const isDeno = (): boolean => 'Deno' in globalThis;

/** Which Dawn backend and flags (as for the feature kernels); absent: from the environment. */
export interface DawnOptions { backend?: string; flags?: readonly string[] }

/** Dawn instances to try for EMOTIOND_WEBGPU__BACKEND / __FLAGS, or the options given. */
export function dawnAttemptsFromEnv(env: Record<string, string | undefined> = process.env, given: DawnOptions = {}): DawnAttempt[] {
  const backend = given.backend ?? (env.EMOTIOND_WEBGPU__BACKEND?.trim() || 'auto');
  const extra = given.flags ? [...given.flags] :
    (env.EMOTIOND_WEBGPU__FLAGS ?? '').replace(/^\s*\[|\]\s*$/g, '').split(',').map((s) => s.trim()).filter(Boolean);
  const software = { flags: ['backend=opengles', ...extra], adapter: { featureLevel: 'compatibility' } };
  if (backend === 'software') return [software];
  if (backend === 'auto') return [{ flags: extra, adapter: {} }, software];
  const flags = [`backend=${backend}`, ...extra];
  return [{ flags, adapter: {} }, { flags, adapter: { featureLevel: 'compatibility' } }];
}

/** Workaround 1: a navigator.gpu over Dawn, or null when Dawn finds no adapter. */
export async function defineNavigatorGpu(attempts = dawnAttemptsFromEnv()): Promise<{ description: string } | null> {
  const { create } = await loadDawn();
  for (const a of attempts) {
    if (a.flags.includes('backend=opengles')) process.env.EGL_PLATFORM ??= 'surfaceless';
    const instance = create(a.flags);
    const adapter = await instance.requestAdapter(a.adapter).catch(() => null);
    if (!adapter) continue;
    const info = adapter.info;
    // The instance is held by navigator for the life of the process: Dawn aborts if an
    // instance is collected while its device lives.
    const gpu = {
      requestAdapter: (o?: GPURequestAdapterOptions) => instance.requestAdapter({ ...o, ...a.adapter }),
      getPreferredCanvasFormat: () => instance.getPreferredCanvasFormat(),
      wgslLanguageFeatures: instance.wgslLanguageFeatures,
    };
    const nav = (globalThis as { navigator?: object }).navigator;
    if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu, hardwareConcurrency: availableParallelism() }, configurable: true, writable: true });
    return { description: [info.vendor, info.device, info.description].filter(Boolean).join(' / ') };
  }
  return null;
}

/** Workaround 2 lives with the binding (daemon/core/dawn-node.ts): every Dawn loaded gets it. */
export { copySharedWriteBuffer };

/** Workaround 3: runs fn (which compiles ORT's wasm) with V8's liftoff tier only. */
export async function withLiftoffOnly<T>(fn: () => Promise<T>): Promise<T> {
  setFlagsFromString('--liftoff-only');
  try {
    return await fn();
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

let webgpuRuntime: Promise<EpRuntime | string> | null = null;

async function loadWebGpu(dawn: DawnOptions): Promise<EpRuntime | string> {
  const adapter = isDeno() ? null : await defineNavigatorGpu(dawnAttemptsFromEnv(process.env, dawn));
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (isDeno() && !(await nav?.gpu?.requestAdapter())) return 'no WebGPU adapter';
  if (!isDeno() && !adapter) return 'no WebGPU adapter';
  const ort = (await import('onnxruntime-web/webgpu')) as typeof Ort;
  ort.env.wasm.numThreads = 1; // workaround 4
  let compiled = false;
  const runtime: OrtRuntime = {
    ort,
    createSession: (bytes, options) => {
      // Errors only: otherwise every session warns that ORT keeps shape ops on the CPU.
      const create = () => ort.InferenceSession.create(bytes, { logSeverityLevel: 3, ...options });
      if (compiled || isDeno()) return create();
      compiled = true;
      return withLiftoffOnly(create);
    },
  };
  return { ep: 'webgpu', runtime, executionProviders: ['webgpu', 'wasm'], note: adapter?.description ?? 'navigator.gpu' };
}

/**
 * The runtime for an execution provider. 'webgpu' loads onnxruntime-web's WebGPU build
 * with the workarounds above, once per process (the first call's Dawn options hold);
 * where no adapter exists it returns the WASM runtime, with the reason in `note`.
 */
export async function runtimeForEp(ep: InferenceEp, dawn: DawnOptions = {}): Promise<EpRuntime> {
  const wasmRuntime = (note: string): EpRuntime => ({ ep: 'wasm', runtime: WASM_RUNTIME, executionProviders: ['wasm'], note });
  if (ep === 'wasm') return wasmRuntime('wasm requested');
  webgpuRuntime ??= loadWebGpu(dawn).catch((err) => `WebGPU EP failed to load: ${errorMessage(err)}`);
  const r = await webgpuRuntime;
  return typeof r === 'string' ? wasmRuntime(r) : r;
}
