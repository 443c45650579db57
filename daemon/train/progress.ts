// Progress reports for long runs (featurising ~2000 files, cross-validation folds),
// so the CLI can print them and tests can stay quiet.

export interface TrainProgress {
  stage: 'corpus' | 'features' | 'fit' | 'fold' | 'export';
  message: string;
  /** Units finished in this stage, when countable. */
  done?: number;
  total?: number;
}

export type ProgressFn = (p: TrainProgress) => void;
