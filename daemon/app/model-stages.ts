// Loading the model and the feature extractor together, checked against each other, so a
// model built for other features fails at load (start or reload), never on the first word.
import type { Classifier } from '../core/types.ts';
import { EmotiondError } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import { FEATURE_SET_IDS, createAsyncSetExtractor, type FeatureSetId } from '../features/feature-sets.ts';
import type { AsyncFeatureExtractor, FeatureBackendChoice } from '../features/webgpu/async-extractor.ts';
import { loadClassifier } from '../model/onnx-classifier.ts';
import { runtimeForEp, type InferenceEp } from '../model/webgpu-env.ts';
import { resolvePath } from './resolve-path.ts';

export interface ModelStages {
  extractor: AsyncFeatureExtractor;
  classifier: Classifier;
}

/** Where features and inference run (the CLI's --backend and --ep); both wasm by default. */
export interface StageBackends {
  backend: FeatureBackendChoice;
  ep: InferenceEp;
}

export async function loadModelStages(
  config: Pick<Config, 'model'>,
  backends: StageBackends = { backend: 'wasm', ep: 'wasm' },
  warn: (message: string) => void = () => undefined,
  /**
   * `streams`: also the extractor's stream() where its backend streams (the daemon's segments).
   * `info`: told which backend 'auto' took and why (default: warn).
   */
  opts: { streams?: boolean; info?: (message: string) => void } = {},
): Promise<ModelStages> {
  const rt = await runtimeForEp(backends.ep);
  if (rt.ep !== backends.ep) warn(`--ep ${backends.ep}: ${rt.note}; using the WASM EP`);
  const classifier = await loadClassifier(resolvePath(config.model.path), { runtime: rt.runtime, executionProviders: rt.executionProviders });
  if (classifier.meta.featureNormalisation === 'device' && config.model.adapt !== 'running') {
    // Raw features into a model that expects them standardised on the device's own speech
    // would give confident nonsense: refused at load, start or reload.
    await classifier.dispose();
    throw new EmotiondError(
      'MODEL_INVALID',
      `model ${config.model.path} reads features standardised on the speech this device has heard (featureNormalisation: device): it needs a daemon with model.adapt: running (here: ${config.model.adapt})`,
    );
  }
  // The sidecar names the feature set the model was trained on; models from before sets had
  // ids were all emotiond-v1.
  const named = (classifier.meta as { featureSet?: unknown }).featureSet ?? 'emotiond-v1';
  const extractor = await (async () => {
    if (typeof named !== 'string' || !(FEATURE_SET_IDS as readonly string[]).includes(named)) {
      throw new EmotiondError('MODEL_INVALID', `model ${config.model.path} names feature set ${JSON.stringify(named)}; this version computes ${FEATURE_SET_IDS.join(', ')}`);
    }
    return createAsyncSetExtractor(named as FeatureSetId, backends.backend, { stream: opts.streams });
  })().catch(async (err) => {
    await classifier.dispose();
    throw err;
  });
  if (extractor.choice) (opts.info ?? warn)(extractor.choice);
  const want = classifier.meta.featureNames;
  const have = extractor.names;
  if (want.length !== have.length || want.some((n, i) => n !== have[i])) {
    const firstDiff = want.findIndex((n, i) => n !== have[i]);
    await classifier.dispose();
    await extractor.dispose();
    throw new EmotiondError(
      'MODEL_INVALID',
      `model ${config.model.path} expects ${want.length} features but the extractor gives ${have.length}` +
        (firstDiff >= 0 ? ` (first difference at #${firstDiff}: model "${want[firstDiff]}", extractor "${have[firstDiff]}")` : '') +
        '; retrain the model (npm run train) or use the model built for this version',
    );
  }
  return { extractor, classifier };
}
