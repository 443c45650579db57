// Loading the model and the feature extractor together, checked against each other, so a
// model built for other features fails at load (start or reload), never on the first word.
import type { Classifier, FeatureExtractor } from '../core/types.ts';
import { EmotiondError } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import { createFeatureExtractor } from '../features/extractor.ts';
import { loadClassifier } from '../model/onnx-classifier.ts';
import { resolvePath } from './resolve-path.ts';

export interface ModelStages {
  extractor: FeatureExtractor;
  classifier: Classifier;
}

export async function loadModelStages(config: Pick<Config, 'model'>): Promise<ModelStages> {
  const classifier = await loadClassifier(resolvePath(config.model.path));
  const extractor = await createFeatureExtractor();
  const want = classifier.meta.featureNames;
  const have = extractor.names;
  if (want.length !== have.length || want.some((n, i) => n !== have[i])) {
    const firstDiff = want.findIndex((n, i) => n !== have[i]);
    await classifier.dispose();
    throw new EmotiondError(
      'MODEL_INVALID',
      `model ${config.model.path} expects ${want.length} features but the extractor gives ${have.length}` +
        (firstDiff >= 0 ? ` (first difference at #${firstDiff}: model "${want[firstDiff]}", extractor "${have[firstDiff]}")` : '') +
        '; retrain the model (npm run train) or use the model built for this version',
    );
  }
  return { extractor, classifier };
}
