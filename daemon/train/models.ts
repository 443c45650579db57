// Fits any of the model kinds on raw feature rows: standardiser first (on these rows
// only), optionally a univariate feature filter (also on these rows only), then the
// member networks. Callers pass training rows of one fold, never more.
import { anovaF, topK } from './anova.ts';
import { trainGbt, type GbtOptions } from './gbt.ts';
import { trainLda, type LdaOptions } from './lda.ts';
import type { Matrix } from './linalg.ts';
import { trainLinearCv } from './linear-select.ts';
import { trainLogReg, type LogRegOptions } from './logreg.ts';
import { trainMlp, type MlpOptions } from './mlp.ts';
import type { Layer, MemberKind, ModelKind, Network, SelectLayer, TrainedModel } from './network.ts';
import { selectColumns } from './network.ts';
import { fitNystrom, foldFactor, type NystromOptions } from './nystrom.ts';
import { applyStandardiser, fitStandardiser } from './standardise.ts';
import { trainLinearSvm, type SvmOptions } from './svm.ts';

export interface ModelOptions {
  logreg?: LogRegOptions;
  mlp?: MlpOptions;
  lda?: LdaOptions;
  /** Linear SVM; also the linear part of 'rbf-svm'. */
  svm?: SvmOptions;
  /** Kernel map of 'rbf-svm'. */
  rbf?: NystromOptions & { svm?: SvmOptions };
  gbt?: GbtOptions;
  /** Members of an 'ensemble' (default: logreg and mlp); their probabilities are averaged. */
  members?: readonly MemberKind[];
  /** MLPs in an ensemble, each with its own seed. */
  ensembleMlps?: number;
  /** Keep the k features with the highest ANOVA F on the training rows (all when absent). */
  select?: number;
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

/**
 * Families that read frame sequences, not functionals: fitted and exported by
 * daemon/train/sequence/ (the CLI routes --model cnn there), never by fitModel.
 */
export const SEQUENCE_MODEL_KINDS = ['cnn'] as const;
export type SequenceModelKind = (typeof SEQUENCE_MODEL_KINDS)[number];

export const DEFAULT_SEED = 42;
export const DEFAULT_MEMBERS: readonly MemberKind[] = ['logreg', 'mlp'];

// Settings of 'rbf-svm' that did best in speaker-independent cross-validation with the
// 602 standardised features (EmoDB LOSO): gamma = 1/median distance, C around 1.
const RBF_SVM_C = 1;

export function fitModel(kind: ModelKind, input: FitInput, opts: ModelOptions = {}): TrainedModel {
  const { x, y, classes, featureNames, speakers } = input;
  const seed = input.seed ?? DEFAULT_SEED;
  if (x.cols !== featureNames.length) throw new RangeError(`${x.cols} columns but ${featureNames.length} feature names`);
  const scaler = fitStandardiser(x);
  let z = applyStandardiser(x, scaler);
  const k = classes.length;
  const info: Record<string, unknown> = { seed, trainRows: x.rows };
  let select: SelectLayer | null = null;
  let raw = x;
  if (opts.select !== undefined && opts.select < x.cols) {
    const indices = topK(anovaF(z, y, k), opts.select);
    select = { type: 'select', inDim: x.cols, outDim: indices.length, indices };
    z = selectColumns(z, indices);
    raw = selectColumns(x, indices);
    info.select = { method: 'anova-f', k: indices.length };
  }
  const kinds: MemberKind[] = kind === 'ensemble' ? [...(opts.members ?? DEFAULT_MEMBERS)] : [kind];
  if (kinds.length === 0) throw new RangeError('an ensemble needs at least one member');
  const members: Network[] = [];
  for (const member of kinds) {
    const fits = fitMember(member, z, raw, y, k, opts, kind === 'ensemble', seed, speakers);
    for (const f of fits) {
      members.push({ ...f.network, layers: select ? [select, ...f.network.layers] : f.network.layers });
    }
    const infos = fits.map((f) => f.info);
    info[member] = infos.length === 1 ? infos[0] : infos;
  }
  return { kind, classes: [...classes], featureNames: [...featureNames], scaler, members, info };
}

function fitMember(
  member: MemberKind, z: Matrix, raw: Matrix, y: Int32Array, k: number, opts: ModelOptions,
  inEnsemble: boolean, seed: number, speakers: readonly string[] | undefined,
): { network: Network; info: unknown }[] {
  const one = (layers: Layer[], info: unknown, input?: 'raw') => [{ network: { kind: member, layers, ...(input ? { input } : {}) }, info }];
  switch (member) {
    case 'logreg': {
      const fit = trainLogReg(z, y, k, opts.logreg, speakers);
      return [{ network: fit.network, info: fit.info }];
    }
    case 'linear-cv': {
      // The member's network is that of the family chosen (kind 'logreg' or 'lda').
      const fit = trainLinearCv(z, y, k, opts.logreg, speakers);
      return [{ network: fit.network, info: fit.info }];
    }
    case 'lda': {
      const fit = trainLda(z, y, k, opts.lda, speakers);
      return [{ network: fit.network, info: fit.info }];
    }
    case 'svm': {
      const fit = trainLinearSvm(z, y, k, opts.svm);
      return one([fit.layer], fit.info);
    }
    case 'rbf-svm': {
      const map = fitNystrom(z, opts.rbf, seed);
      const fit = trainLinearSvm(map.features, y, k, { c: RBF_SVM_C, ...opts.rbf?.svm });
      return one([map.rbf, foldFactor(map, fit.layer)], { ...map.info, ...fit.info });
    }
    case 'gbt': {
      const fit = trainGbt(raw, y, k, opts.gbt, seed);
      return one([{ type: 'trees', inDim: raw.cols, outDim: k, trees: fit.trees }], fit.info, 'raw');
    }
    case 'mlp': {
      const count = inEnsemble ? Math.max(1, opts.ensembleMlps ?? 1) : 1;
      return Array.from({ length: count }, (_, m) => {
        const fit = trainMlp(z, y, k, opts.mlp, { seed: seed + 1000 * m, groups: speakers });
        return { network: fit.network, info: fit.info };
      });
    }
  }
}
