// The feature sets a model can be trained on, by id, and how to make each one's extractor.
// A model's sidecar names its set (`featureSet`), so the daemon builds the extractor the
// model was trained with instead of assuming one. The command line also knows short names.
import { EmotiondError } from '../core/errors.ts';
import type { FeatureExtractor } from '../core/types.ts';
import type { FeatureBackend } from './frame-kernels.ts';
import type { AsyncFeatureExtractor, FeatureBackendChoice } from './webgpu/async-extractor.ts';

export const FEATURE_SET_IDS = ['emotiond-v1', 'emotiond-extended-v1', 'emotiond-extended-v2', 'egemaps-v02'] as const;
export type FeatureSetId = (typeof FEATURE_SET_IDS)[number];

/** What training uses when not told otherwise; the shipped model's set. */
export const DEFAULT_FEATURE_SET: FeatureSetId = 'emotiond-extended-v2';

/** Short names for the command line. */
export const FEATURE_SET_ALIASES: Readonly<Record<string, FeatureSetId>> = {
  v1: 'emotiond-v1',
  extended: 'emotiond-extended-v1',
  extended2: 'emotiond-extended-v2',
  egemaps: 'egemaps-v02',
};

/** The set id of an id or alias; EmotiondError 'USAGE' for anything else. */
export function resolveFeatureSetId(name: string): FeatureSetId {
  const id = FEATURE_SET_ALIASES[name] ?? name;
  if (!(FEATURE_SET_IDS as readonly string[]).includes(id)) {
    throw new EmotiondError('USAGE', `unknown feature set "${name}" (${[...FEATURE_SET_IDS, ...Object.keys(FEATURE_SET_ALIASES)].join(', ')})`);
  }
  return id as FeatureSetId;
}

/** A synchronous extractor of a set on a CPU backend. */
export async function createSetExtractor(id: FeatureSetId, backend: FeatureBackend = 'wasm'): Promise<FeatureExtractor> {
  switch (id) {
    case 'emotiond-v1':
      return (await import('./extractor.ts')).createFeatureExtractor({ backend });
    case 'emotiond-extended-v1':
      return (await import('./extended/extended-extractor.ts')).createExtendedExtractor({ backend });
    case 'emotiond-extended-v2':
      return (await import('./extended2/extended2-extractor.ts')).createExtended2Extractor({ backend });
    case 'egemaps-v02':
      return (await import('./egemaps/egemaps-extractor.ts')).createEgemapsExtractor({ backend });
  }
}

/**
 * An asynchronous extractor of a set on any backend choice; with `stream`, on the CPU
 * backends, also its stream() (a second extractor's kernels: the daemon's segment streams). emotiond-v1 and egemaps-v02 have
 * WebGPU paths; asking 'webgpu' for another set is an EmotiondError 'FEATURES' (never a
 * silently different vector); 'auto' takes the WASM SIMD kernels for those sets.
 */
export async function createAsyncSetExtractor(
  id: FeatureSetId,
  backend: FeatureBackendChoice = 'auto',
  opts: { stream?: boolean; work?: 'single' | 'batch' } = {},
): Promise<AsyncFeatureExtractor> {
  if (id === 'emotiond-v1') return (await import('./webgpu/async-extractor.ts')).createAsyncFeatureExtractor({ backend, ...opts });
  if (id === 'egemaps-v02') return (await import('./webgpu/async-egemaps-extractor.ts')).createAsyncEgemapsExtractor({ backend, ...opts });
  if (backend === 'webgpu') {
    throw new EmotiondError('FEATURES', `feature set ${id} has no WebGPU path (emotiond-v1 and egemaps-v02 do); use --backend wasm or auto`);
  }
  const cpu: FeatureBackend = backend === 'auto' ? 'wasm' : backend;
  const { wrapSyncExtractor } = await import('./webgpu/wrap-sync-extractor.ts');
  const x = wrapSyncExtractor(await createSetExtractor(id, cpu), cpu, opts.stream ? await createSetExtractor(id, cpu) : undefined);
  return backend === 'auto' ? { ...x, choice: `features.backend auto: wasm, ${id} has no WebGPU path` } : x;
}
