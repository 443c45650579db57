// Picks the eGeMAPS kernel backend, as createKernels does for the emotiond-v1 set.
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import { RefEgemapsKernels } from './egemaps-ref-kernels.ts';
import { WasmEgemapsKernels } from './egemaps-wasm-kernels.ts';
import { loadFeatureWasm } from '../wasm-loader.ts';

export async function createEgemapsKernels(backend: FeatureBackend = 'wasm'): Promise<EgemapsKernels> {
  if (backend === 'ref') return new RefEgemapsKernels();
  if (backend === 'wasm' || backend === 'wasm-scalar') {
    return new WasmEgemapsKernels(await loadFeatureWasm(backend === 'wasm' ? 'simd' : 'scalar'), backend);
  }
  throw new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (wasm, wasm-scalar, ref)`);
}
