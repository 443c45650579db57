// Picks the eGeMAPS kernel backend, as createKernels does for the emotiond-v1 set:
// createEgemapsFrameKernels for the streaming pipeline (what the extractor uses),
// createEgemapsKernels for the whole-signal interface that other backends delegate to.
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import type { EgemapsFrameKernels } from './egemaps-frame-kernels.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import { RefEgemapsFrameKernels } from './egemaps-ref-frame-kernels.ts';
import { RefEgemapsKernels } from './egemaps-ref-kernels.ts';
import { WasmEgemapsFrameKernels } from './egemaps-wasm-frame-kernels.ts';
import { WasmEgemapsKernels } from './egemaps-wasm-kernels.ts';
import { loadFeatureWasm } from '../wasm-loader.ts';

const unknown = (backend: unknown): EmotiondError =>
  new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (wasm, wasm-scalar, ref)`);

export async function createEgemapsKernels(backend: FeatureBackend = 'wasm'): Promise<EgemapsKernels> {
  if (backend === 'ref') return new RefEgemapsKernels();
  if (backend === 'wasm' || backend === 'wasm-scalar') {
    return new WasmEgemapsKernels(await loadFeatureWasm(backend === 'wasm' ? 'simd' : 'scalar'), backend);
  }
  throw unknown(backend);
}

/** Frame kernels for the streaming pipeline; each call gets its own WASM instance (and memory). */
export async function createEgemapsFrameKernels(backend: FeatureBackend = 'wasm'): Promise<EgemapsFrameKernels> {
  if (backend === 'ref') return new RefEgemapsFrameKernels();
  if (backend === 'wasm' || backend === 'wasm-scalar') {
    return new WasmEgemapsFrameKernels(await loadFeatureWasm(backend === 'wasm' ? 'simd' : 'scalar'), backend);
  }
  throw unknown(backend);
}
