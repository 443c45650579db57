// `--backend auto|wasm|webgpu` (where the feature kernels run) and `--ep wasm|webgpu` (which
// onnxruntime-web execution provider runs the model), for `emotiond analyze`. A flag wins
// over the fallback the caller passes: the config's features.backend and model.ep
// (daemon/config/stage-backends.ts), which also accept wasm-scalar and ref for checks. Both
// default to wasm, the path the shipped model was trained and checked on. No environment
// variable of their own: EMOTIOND_FEATURES__BACKEND and EMOTIOND_MODEL__EP are the config
// overrides. 'auto' takes the GPU for features only where a calibration on the adapter
// measured it faster (daemon/features/webgpu/auto-calibration.ts). The WebGPU EP falls back to WASM, with a warning,
// where there is no adapter; --backend webgpu without one is an error.
import { Option, type Command } from 'commander';
import { FEATURE_BACKEND_NAMES, INFERENCE_EP_NAMES } from '../config/schema.ts';
import { EmotiondError } from '../core/errors.ts';

/** The flag's choices; the config accepts FEATURE_BACKEND_NAMES. */
export const FEATURE_BACKENDS = ['auto', 'wasm', 'webgpu'] as const;
export const INFERENCE_EPS = INFERENCE_EP_NAMES;
export type FeatureBackendFlag = (typeof FEATURE_BACKEND_NAMES)[number];
export type InferenceEpFlag = (typeof INFERENCE_EPS)[number];

export interface BackendChoice {
  backend: FeatureBackendFlag;
  ep: InferenceEpFlag;
}

export const DEFAULT_BACKENDS: Readonly<BackendChoice> = { backend: 'wasm', ep: 'wasm' };

/** Adds --backend and --ep to a command (no default here, so an absent flag is visible). */
export function addBackendOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--backend <name>', 'feature kernels: wasm (SIMD), webgpu, or auto (webgpu where measured faster on this adapter); default features.backend from the config, else wasm')
      .choices(FEATURE_BACKENDS))
    .addOption(new Option('--ep <name>', 'inference execution provider: wasm, or webgpu (wasm when there is no GPU adapter); default model.ep from the config, else wasm')
      .choices(INFERENCE_EPS));
}

/** The choice from parsed options, absent flags from `fallback`; unknown names are USAGE errors. */
export function backendChoice(opts: { backend?: string; ep?: string }, fallback: Partial<BackendChoice> = {}): BackendChoice {
  const backend = opts.backend ?? fallback.backend ?? DEFAULT_BACKENDS.backend;
  const ep = opts.ep ?? fallback.ep ?? DEFAULT_BACKENDS.ep;
  if (!(FEATURE_BACKEND_NAMES as readonly string[]).includes(backend)) {
    throw new EmotiondError('USAGE', `backend "${backend}": expected one of ${FEATURE_BACKEND_NAMES.join(', ')}`);
  }
  if (!(INFERENCE_EPS as readonly string[]).includes(ep)) {
    throw new EmotiondError('USAGE', `ep "${ep}": expected one of ${INFERENCE_EPS.join(', ')}`);
  }
  return { backend: backend as FeatureBackendFlag, ep: ep as InferenceEpFlag };
}
