// A model for near and far microphones at once (`--param rooms=gated`, with room copies of
// the training files from `--augment reverb:...+noise:...`). Trained on studio recordings
// only, a model calls nearly everything anger in a noisy, reverberant room (noise raises
// the loudness and spectral features anger raises); trained on room copies too, it loses
// points on clean speech. So several are fitted: one on the recorded rows (the studio
// model), one per kind of room copy on the recorded rows and those copies, and a gate
// (logistic regression naming which kind of copy a row looks like, on the same features)
// mixes their probabilities per utterance by its softmax:
//   p = w_0(x) * studio(x) + sum over kinds k of w_k(x) * room_k(x).
// All read the same standardised input: the room models' and the gate's first layers
// are re-based onto the clean model's standardiser, which is exact for a dense first layer,
// so the exported graph has one (x - mean) / std and the daemon needs no new stage.
import { softmaxRows, takeRows, type Matrix } from './linalg.ts';
import { fitModel, type FitInput, type ModelOptions } from './models.ts';
import { networkLogits, type DenseLayer, type ModelKind, type Network, type TrainedModel } from './network.ts';
import { applyStandardiser, type Standardiser } from './standardise.ts';

export const ROOM_MODES = ['none', 'gated'] as const;
export type RoomMode = (typeof ROOM_MODES)[number];

/** The gate's C: the shipped recipe's; telling room audio from studio audio is easy (99% on held-out corpora). */
export const GATE_C = 0.1;

export interface RoomGateInfo {
  method: 'gated';
  /** Training rows of the studio model (the recordings). */
  cleanRows: number;
  /** Per kind of room copy (the n-th --augment entry): the rows of its model (recordings plus those copies). */
  experts: { copy: number; rows: number }[];
  /** trainingAccuracy: room copies told from recordings (P(room) > 0.5) on the training rows. */
  gate: { c: number; trainingAccuracy: number };
}

/** A network reading z = (x - from.mean) / from.std, rewritten to read (x - to.mean) / to.std. */
export function rebaseNetwork(net: Network, from: Standardiser, to: Standardiser): Network {
  const [first, ...rest] = net.layers;
  if (net.input === 'raw' || !first || (first.type !== undefined && first.type !== 'dense')) {
    throw new RangeError(`rooms=gated: a '${net.kind}' member whose first layer is not dense cannot share the clean model's standardisation`);
  }
  const { inDim, outDim } = first;
  const weights = new Float64Array(first.weights.length), bias = Float64Array.from(first.bias);
  for (let i = 0; i < inDim; i++) {
    // z_from = z_to * (to.std / from.std) + (to.mean - from.mean) / from.std
    const scale = to.std[i] / from.std[i], shift = (to.mean[i] - from.mean[i]) / from.std[i];
    for (let o = 0; o < outDim; o++) {
      const w = first.weights[i * outDim + o];
      weights[i * outDim + o] = w * scale;
      bias[o] += w * shift;
    }
  }
  const layer: DenseLayer = { ...first, weights, bias };
  return { ...net, layers: [layer, ...rest] };
}

function rowsOf(input: FitInput, rows: number[]): FitInput {
  return {
    ...input, x: takeRows(input.x, rows), y: Int32Array.from(rows, (i) => input.y[i]),
    speakers: input.speakers && rows.map((i) => input.speakers![i]), copy: Int32Array.from(rows, (i) => input.copy![i]),
  };
}

/**
 * Fits the studio model, one room model per kind of room copy (recordings plus the copies
 * of that kind, so each knows one sort of room) and the gate, a multinomial logistic
 * regression naming the kind of copy (0: a recording). `fit` fits one recipe (calibration
 * included), so every model carries its own temperature.
 */
export function fitRoomGated(
  kind: ModelKind, input: FitInput, opts: ModelOptions,
  fit: (kind: ModelKind, input: FitInput, opts: ModelOptions) => TrainedModel,
): TrainedModel {
  const copy = input.copy;
  const recorded = copy ? [...input.y.keys()].filter((i) => copy[i] === 0) : [];
  if (!copy || recorded.length === input.y.length) {
    throw new RangeError('rooms=gated needs room copies of the training files: add --augment, e.g. reverb:0.4+noise:15');
  }
  if (opts.normalise === 'corpus') throw new RangeError('rooms=gated (part of the shipped recipe) and normalise=corpus cannot be combined: add --param rooms=none');
  const inner = { ...opts, rooms: 'none' as const };
  const kinds = [...new Set(copy)].filter((c) => c > 0).sort((a, b) => a - b);
  const clean = fit(kind, rowsOf(input, recorded), inner);
  const experts = kinds.map((c) => {
    const rows = [...input.y.keys()].filter((i) => copy[i] === 0 || copy[i] === c);
    return { copy: c, rows: rows.length, model: fit(kind, rowsOf(input, rows), inner) };
  });
  for (const m of [clean, ...experts.map((e) => e.model)]) {
    if (m.members.length !== 1) throw new RangeError(`rooms=gated: the '${kind}' family has ${m.members.length} members; the gate mixes single-member models`);
  }
  const which = Int32Array.from(copy, (c) => (c === 0 ? 0 : kinds.indexOf(c) + 1));
  const gate = fitModel('logreg', { ...input, y: which, classes: ['recording', ...kinds.map((c) => `copy ${c}`)], copy: undefined }, { logreg: { c: GATE_C, balanced: true } });
  const model: TrainedModel = {
    kind, classes: clean.classes, featureNames: clean.featureNames, scaler: clean.scaler,
    members: [clean.members[0], ...experts.map((e) => rebaseNetwork(e.model.members[0], e.model.scaler, clean.scaler))],
    gate: rebaseNetwork(gate.members[0], gate.scaler, clean.scaler),
    info: {},
  };
  const info: RoomGateInfo = {
    method: 'gated', cleanRows: recorded.length, experts: experts.map(({ copy: c, rows }) => ({ copy: c, rows })),
    gate: { c: GATE_C, trainingAccuracy: gateAccuracy(model, input, which) },
  };
  model.info = {
    rooms: info, ...(clean.info.calibration ? { calibration: clean.info.calibration } : {}),
    clean: clean.info, experts: experts.map((e) => e.model.info),
  };
  return model;
}

function gateAccuracy(model: TrainedModel, input: FitInput, which: Int32Array): number {
  const p = roomProbability(model, input.x);
  let right = 0;
  for (let i = 0; i < which.length; i++) if (p[i] > 0.5 === which[i] > 0) right++;
  return right / which.length;
}

/** P(room | x), one minus the gate's weight on the studio model, for raw feature rows. */
export function roomProbability(model: TrainedModel, x: Matrix): Float64Array {
  if (!model.gate) throw new RangeError('not a room-gated model');
  const w = softmaxRows(networkLogits(model.gate, applyStandardiser(x, model.scaler)));
  return Float64Array.from({ length: x.rows }, (_, i) => 1 - w.data[i * w.cols]);
}
