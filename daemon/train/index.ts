// The training package's public surface, for the CLI.
export { trainModel, fitOnDataset, type TrainModelOptions, type TrainModelResult } from './train-model.ts';
export { evaluateModel, crossValidate, makeSplits, type EvalReport, type EvaluateModelOptions, type Protocol } from './evaluate.ts';
export { formatReport } from './report-format.ts';
export { readCorpus, sharedCorpora, type Corpus, type CorpusSpec } from './corpus.ts';
export { LABEL_PRESETS, EMOTIONS, type LabelMap, type LabelPreset } from './labels.ts';
export { loadDataset, type Dataset } from './dataset.ts';
export { resolveFeatureSource, type FeatureSourceOptions } from './feature-source.ts';
export { buildOnnxModel, writeModelFiles } from './export-onnx.ts';
export { fitModel, DEFAULT_SEED, DEFAULT_MEMBERS, type ModelOptions } from './models.ts';
export { MODEL_KINDS, MEMBER_KINDS, type MemberKind, type ModelKind, type TrainedModel } from './network.ts';
export type { TrainProgress, ProgressFn } from './progress.ts';
export { parseAugmentations, augmentationId, type Augmentation } from './augment.ts';
export { parseMembers, parseModelParams, KNOWN_PARAMS } from './model-params.ts';
