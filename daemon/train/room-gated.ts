// A model for near and far microphones at once (`--param rooms=gated`, with room copies of
// the training files from `--augment reverb:...+noise:...`). Trained on studio recordings
// only, a model calls nearly everything anger in a noisy, reverberant room (noise raises
// the loudness and spectral features anger raises); trained on room copies too, it loses
// points on clean speech. So two are fitted: one on the recorded rows, one on the recorded
// rows and their room copies, and a gate (logistic regression telling room copies from
// recorded rows, on the same features) mixes their probabilities per utterance:
//   p = P(room | x) * room(x) + (1 - P(room | x)) * clean(x).
// All three read the same standardised input: the room model's and the gate's first layers
// are re-based onto the clean model's standardiser, which is exact for a dense first layer,
// so the exported graph has one (x - mean) / std and the daemon needs no new stage.
import { takeRows, type Matrix } from './linalg.ts';
import { fitModel, type FitInput, type ModelOptions } from './models.ts';
import { networkLogits, type DenseLayer, type ModelKind, type Network, type TrainedModel } from './network.ts';
import { applyStandardiser, type Standardiser } from './standardise.ts';

export const ROOM_MODES = ['none', 'gated'] as const;
export type RoomMode = (typeof ROOM_MODES)[number];

/** The gate's C: the shipped recipe's; telling room audio from studio audio is easy (99% on held-out corpora). */
export const GATE_C = 0.1;

export interface RoomGateInfo {
  method: 'gated';
  /** Training rows of the clean model, and of the room model (recorded rows plus copies). */
  cleanRows: number;
  roomRows: number;
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
 * Fits the clean model, the room model and the gate; `fit` fits one recipe (calibration
 * included), so each of the two models carries its own temperature.
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
  const clean = fit(kind, rowsOf(input, recorded), inner);
  const room = fit(kind, input, inner);
  for (const m of [clean, room]) {
    if (m.members.length !== 1) throw new RangeError(`rooms=gated: the '${kind}' family has ${m.members.length} members; the gate mixes single-member models`);
  }
  const isRoom = Int32Array.from(copy, (c) => (c > 0 ? 1 : 0));
  const gate = fitModel('logreg', { ...input, y: isRoom, classes: ['clean', 'room'], copy: undefined }, { logreg: { c: GATE_C, balanced: true } });
  const gateNet = rebaseNetwork(gate.members[0], gate.scaler, clean.scaler);
  const model: TrainedModel = {
    kind, classes: clean.classes, featureNames: clean.featureNames, scaler: clean.scaler,
    members: [clean.members[0], rebaseNetwork(room.members[0], room.scaler, clean.scaler)],
    gate: gateNet,
    info: {},
  };
  const info: RoomGateInfo = {
    method: 'gated', cleanRows: recorded.length, roomRows: input.y.length,
    gate: { c: GATE_C, trainingAccuracy: gateAccuracy(model, input, isRoom) },
  };
  model.info = { rooms: info, ...(clean.info.calibration ? { calibration: clean.info.calibration } : {}), clean: clean.info, room: room.info };
  return model;
}

function gateAccuracy(model: TrainedModel, input: FitInput, isRoom: Int32Array): number {
  const p = roomProbability(model, input.x);
  let right = 0;
  for (let i = 0; i < isRoom.length; i++) if ((p[i] > 0.5 ? 1 : 0) === isRoom[i]) right++;
  return right / isRoom.length;
}

/** P(room | x) of a gated model's gate for raw feature rows. */
export function roomProbability(model: TrainedModel, x: Matrix): Float64Array {
  if (!model.gate) throw new RangeError('not a room-gated model');
  const logits = networkLogits(model.gate, applyStandardiser(x, model.scaler));
  return Float64Array.from({ length: x.rows }, (_, i) => 1 / (1 + Math.exp(logits.data[i * 2] - logits.data[i * 2 + 1])));
}
