// Loads the feature kernels built by wasm/build.mjs. The exports are typed by the raw
// bindings asc generates (wasm/build/features.d.ts), so a kernel whose signature changes
// breaks the type check here rather than drifting. The .wasm bytes are read relative to
// this file with node:fs (works under Node and Deno, no bundler), compiled once per
// variant, and instantiated afresh for each caller: every instance owns its memory.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { EmotiondError, errorMessage } from '../core/errors.ts';

type Bindings = typeof import('../../wasm/build/features.js');
export type FeatureWasm = Awaited<ReturnType<Bindings['instantiate']>>;
export type WasmVariant = 'simd' | 'scalar';

const FILES: Record<WasmVariant, string> = {
  simd: '../../wasm/build/features.wasm',
  scalar: '../../wasm/build/features-scalar.wasm',
};
const compiled = new Map<WasmVariant, Promise<WebAssembly.Module>>();

async function compile(variant: WasmVariant): Promise<WebAssembly.Module> {
  const path = fileURLToPath(new URL(FILES[variant], import.meta.url));
  try {
    return await WebAssembly.compile(await readFile(path));
  } catch (err) {
    throw new EmotiondError(
      'FEATURES',
      `cannot load ${path} (${errorMessage(err)}); build it with: npm run build:wasm`,
      { cause: err },
    );
  }
}

export async function loadFeatureWasm(variant: WasmVariant = 'simd'): Promise<FeatureWasm> {
  let module = compiled.get(variant);
  if (!module) {
    module = compile(variant);
    compiled.set(variant, module);
    module.catch(() => compiled.delete(variant));
  }
  const { instantiate } = (await import('../../wasm/build/features.js')) as Bindings;
  const wasm = await instantiate(await module, {});
  if (wasm.simdEnabled() !== (variant === 'simd' ? 1 : 0)) {
    throw new EmotiondError('FEATURES', `${FILES[variant]} is not the ${variant} build`);
  }
  return wasm;
}
