// Fits any of the model kinds on raw feature rows: standardiser first (on these rows
// only), then the member networks. Callers pass training rows of one fold, never more.
import type { Matrix } from './linalg.ts';
import { trainLogReg, type LogRegOptions } from './logreg.ts';
import { trainMlp, type MlpOptions } from './mlp.ts';
import type { ModelKind, Network, TrainedModel } from './network.ts';
import { applyStandardiser, fitStandardiser } from './standardise.ts';

export interface ModelOptions {
  logreg?: LogRegOptions;
  mlp?: MlpOptions;
  /** MLPs in an ensemble, each with its own seed, beside one logistic regression. */
  ensembleMlps?: number;
}

export interface FitInput {
  x: Matrix;
  y: Int32Array;
  classes: readonly string[];
  featureNames: readonly string[];
  /** Speaker of each row, for the MLP's early-stopping split. */
  speakers?: readonly string[];
  seed?: number;
}

export const DEFAULT_SEED = 42;

export function fitModel(kind: ModelKind, input: FitInput, opts: ModelOptions = {}): TrainedModel {
  const { x, y, classes, featureNames, speakers } = input;
  const seed = input.seed ?? DEFAULT_SEED;
  if (x.cols !== featureNames.length) throw new RangeError(`${x.cols} columns but ${featureNames.length} feature names`);
  const scaler = fitStandardiser(x);
  const z = applyStandardiser(x, scaler);
  const k = classes.length;
  const members: Network[] = [];
  const info: Record<string, unknown> = { seed, trainRows: x.rows };
  if (kind === 'logreg' || kind === 'ensemble') {
    const fit = trainLogReg(z, y, k, opts.logreg);
    members.push(fit.network);
    info.logreg = fit.info;
  }
  if (kind === 'mlp' || kind === 'ensemble') {
    const count = kind === 'mlp' ? 1 : Math.max(1, opts.ensembleMlps ?? 1);
    const fits = [];
    for (let m = 0; m < count; m++) {
      const fit = trainMlp(z, y, k, opts.mlp, { seed: seed + 1000 * m, groups: speakers });
      members.push(fit.network);
      fits.push(fit.info);
    }
    info.mlp = count === 1 ? fits[0] : fits;
  }
  return { kind, classes: [...classes], featureNames: [...featureNames], scaler, members, info };
}
