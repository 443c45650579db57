// Fits any of the model kinds on raw feature rows: standardiser first (on these rows
// only), optionally a univariate feature filter, a per-feature rank-Gauss map and
// within-class scaling (all fitted on these rows only), then the member networks. Callers
// pass training rows of one fold, never more.
import { anovaF, topK } from './anova.ts';
import { trainGbt, type GbtOptions } from './gbt.ts';
import { trainLda, type LdaOptions } from './lda.ts';
import type { Matrix } from './linalg.ts';
import { trainLinearCv } from './linear-select.ts';
import { trainLogReg, type LogRegOptions } from './logreg.ts';
import { cellBalancedWeights } from './class-weights.ts';
import { trainMlp, type MlpOptions } from './mlp.ts';
import type { Layer, MemberKind, ModelKind, Network, PiecewiseLayer, SelectLayer, TrainedModel } from './network.ts';
import { selectColumns } from './network.ts';
import { fitNystrom, foldFactor, type NystromOptions } from './nystrom.ts';
import { fitRankGauss, piecewiseForward, RANK_GAUSS_KNOTS } from './rank-gauss.ts';
import { applyStandardiser, fitStandardiser } from './standardise.ts';
import { scaleColumnsInPlace, withinClassFactors } from './within-class-scale.ts';
import { trainLinearSvm, type SvmOptions } from './svm.ts';
import type { RoomMode } from './room-gated.ts';
import { corpusOfSpeaker } from './splits.ts';

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
  /**
   * Per-feature map fitted on the training rows: 'rank-gauss' (rank-gauss.ts) or 'none'.
   * Default: TRANSFORM_DEFAULTS for the kind, else 'none'.
   */
  transform?: FeatureTransform;
  /** Quantile knots per feature of the rank-Gauss map. */
  rankGauss?: { knots?: number };
  /**
   * 'within-class': features rescaled by their pooled within-class std on the training rows
   * (within-class-scale.ts), after the transform; 'total' (plain standardisation) otherwise.
   * Default: SCALING_DEFAULTS for the kind, else 'total'.
   */
  scaling?: FeatureScaling;
  /**
   * Row weights of the logistic-regression families (logreg, linear-cv): 'class' (each class
   * one equal share, the default) or 'corpus-class' (each corpus and class pair one equal
   * share, so the biggest corpus does not decide: class-weights.ts). Other families ignore it.
   */
  balance?: RowBalance;
  /**
   * What the inner cross-validation of C (and of linear-cv's family) holds out together:
   * 'speaker', or 'corpus' (leave one training corpus out, what a new room looks like).
   * Default: 'corpus' when the training rows come from 3 or more corpora, else 'speaker'.
   */
  innerGroups?: InnerGroups;
  /** 'temperature': probabilities calibrated on held-out predictions inside training (calibrated-model.ts). */
  calibrate?: Calibration;
  /**
   * 'corpus': every training corpus standardised on its own statistics before fitting, for
   * devices that adapt (corpus-normalised.ts); 'none' (default): raw features.
   */
  normalise?: Normalisation;
  /**
   * 'gated': a clean model and a room model (fitted with the room copies `--augment` adds),
   * mixed per utterance by a gate that recognises room audio (room-gated.ts); 'none' (default).
   */
  rooms?: RoomMode;
}

export const ROW_BALANCES = ['class', 'corpus-class'] as const;
export type RowBalance = (typeof ROW_BALANCES)[number];
export const INNER_GROUPS = ['speaker', 'corpus'] as const;
export type InnerGroups = (typeof INNER_GROUPS)[number];
export const NORMALISATIONS = ['none', 'corpus'] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];
export const CALIBRATIONS = ['none', 'temperature'] as const;
export type Calibration = (typeof CALIBRATIONS)[number];

// Where pooled speaker ids are split by corpus; re-exported for the callers that fit models.
export { corpusOfSpeaker };

/** The inner-CV grouping in force for these rows (see ModelOptions.innerGroups). */
export function innerGroupsFor(opts: Pick<ModelOptions, 'innerGroups'>, speakers: readonly string[] | undefined): InnerGroups {
  if (opts.innerGroups) return opts.innerGroups;
  return speakers && new Set(speakers.map(corpusOfSpeaker)).size >= 3 ? 'corpus' : 'speaker';
}

export const FEATURE_TRANSFORMS = ['none', 'rank-gauss'] as const;
export type FeatureTransform = (typeof FEATURE_TRANSFORMS)[number];
export const FEATURE_SCALINGS = ['total', 'within-class'] as const;
export type FeatureScaling = (typeof FEATURE_SCALINGS)[number];
// Plain standardisation by default for every kind, linear-cv included. Rank-Gauss with
// within-class scaling helped linear-cv on the emotiond-extended-v1 features but not on the
// shipped emotiond-extended-v2 ones (models/README.md has both sets of figures), so it is
// asked for: `--param transform=rank-gauss --param scaling=within-class`.
export const TRANSFORM_DEFAULTS: Partial<Record<ModelKind, FeatureTransform>> = {};
export const SCALING_DEFAULTS: Partial<Record<ModelKind, FeatureScaling>> = {};

export function transformFor(kind: ModelKind, opts: Pick<ModelOptions, 'transform'>): FeatureTransform {
  return opts.transform ?? TRANSFORM_DEFAULTS[kind] ?? 'none';
}

export function scalingFor(kind: ModelKind, opts: Pick<ModelOptions, 'scaling'>): FeatureScaling {
  return opts.scaling ?? SCALING_DEFAULTS[kind] ?? 'total';
}

export interface FitInput {
  x: Matrix;
  y: Int32Array;
  classes: readonly string[];
  featureNames: readonly string[];
  /** Speaker of each row, for the MLP's early-stopping split. */
  speakers?: readonly string[];
  seed?: number;
  /** 0 for a recorded row, n for a row of the n-th augmented copy (training-set.ts). */
  copy?: Int32Array;
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
  // The rank-Gauss map reads the raw (selected) features, which makes its own output
  // standardised: members after it read raw features through it, and the scaler goes
  // unused. Trees keep the raw values, whose splits a monotone map would not change.
  let mapped: PiecewiseLayer | null = null;
  if (transformFor(kind, opts) === 'rank-gauss') {
    mapped = fitRankGauss(raw, opts.rankGauss?.knots ?? RANK_GAUSS_KNOTS);
    z = piecewiseForward(mapped, raw);
    info.transform = { method: 'rank-gauss', knots: mapped.segments + 1 };
  }
  if (scalingFor(kind, opts) === 'within-class') {
    const f = withinClassFactors(z, y, k);
    scaleColumnsInPlace(z, f);
    // Folded into what produced z: the map's outputs, or the standardiser's divisor.
    if (mapped) {
      for (let j = 0; j < f.length; j++) {
        mapped.base[j] *= f[j];
        for (let q = 0; q < mapped.segments; q++) mapped.slopes[j * mapped.segments + q] *= f[j];
      }
    } else {
      f.forEach((v, j) => { scaler.std[select ? select.indices[j] : j] /= v; });
    }
    info.scaling = 'within-class';
  }
  const kinds: MemberKind[] = kind === 'ensemble' ? [...(opts.members ?? DEFAULT_MEMBERS)] : [kind];
  if (kinds.length === 0) throw new RangeError('an ensemble needs at least one member');
  const members: Network[] = [];
  for (const member of kinds) {
    const fits = fitMember(member, z, raw, y, k, opts, kind === 'ensemble', seed, speakers);
    for (const f of fits) {
      const before: Layer[] = [...(select ? [select] : []), ...(mapped && f.network.input !== 'raw' ? [mapped] : [])];
      members.push({ ...f.network, layers: [...before, ...f.network.layers], ...(mapped ? { input: 'raw' as const } : {}) });
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
      const { logreg, groups } = logRegSetup(y, opts, speakers);
      const fit = trainLogReg(z, y, k, logreg, groups);
      return [{ network: fit.network, info: fit.info }];
    }
    case 'linear-cv': {
      // The member's network is that of the family chosen (kind 'logreg' or 'lda').
      const { logreg, groups } = logRegSetup(y, opts, speakers);
      const fit = trainLinearCv(z, y, k, logreg, groups);
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

/** Row weights and inner-CV groups of the logistic-regression families. */
function logRegSetup(
  y: Int32Array, opts: ModelOptions, speakers: readonly string[] | undefined,
): { logreg: LogRegOptions; groups: readonly string[] | undefined } {
  const byCorpus = innerGroupsFor(opts, speakers) === 'corpus' && speakers !== undefined;
  const groups = byCorpus ? speakers.map(corpusOfSpeaker) : speakers;
  const logreg: LogRegOptions = { ...opts.logreg };
  // Leave one corpus out: as many inner folds as training corpora.
  if (byCorpus) logreg.innerFolds = new Set(groups).size;
  if ((opts.balance ?? 'class') === 'corpus-class') {
    if (!speakers) throw new RangeError("balance 'corpus-class' needs the rows' speakers (corpus:speaker)");
    logreg.balanced = cellBalancedWeights(speakers.map((s, i) => `${corpusOfSpeaker(s)}|${y[i]}`));
  }
  return { logreg, groups };
}
