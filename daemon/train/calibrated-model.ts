// A model fitted the way `train` and every evaluation protocol fit it: fitModel, and with
// `calibrate: 'temperature'` one temperature learnt from predictions on rows the model was
// not fitted on. Those come from inner folds of the training rows (leave one training
// corpus out when there are several corpora, else speaker groups), each fitted exactly as
// the final model is, so the temperature reflects how sure the model may be on speech
// like nothing it was trained on. It is folded into each member's last layer: the exported
// graph is unchanged in shape and the daemon needs to know nothing about it.
import { calibrationFigures, fitTemperature, scaledProbabilities, type CalibrationFigures } from './calibration.ts';
import { takeRows, type Matrix } from './linalg.ts';
import { innerFolds } from './logreg-select.ts';
import { corpusOfSpeaker, fitModel, innerGroupsFor, type FitInput, type ModelOptions } from './models.ts';
import { networkLogits, type ModelKind, type TrainedModel } from './network.ts';
import { applyStandardiser, fitStandardiser } from './standardise.ts';
import { standardisePerCorpus } from './corpus-normalised.ts';
import { fitRoomGated } from './room-gated.ts';

export interface CalibrationInfo {
  method: 'temperature';
  temperature: number;
  /** What the inner folds held out together, and how many there were. */
  innerGroups: 'speaker' | 'corpus';
  folds: number;
  /** Figures on the inner held-out predictions before and after scaling. */
  before: CalibrationFigures;
  after: CalibrationFigures;
}

/** Logits of every member for raw feature rows `x`. */
export function memberLogits(model: TrainedModel, x: Matrix): Matrix[] {
  const z = model.members.some((m) => m.input !== 'raw') ? applyStandardiser(x, model.scaler) : x;
  return model.members.map((net) => networkLogits(net, net.input === 'raw' ? x : z));
}

/** Divides every member's logits by `t` (in place): its last layer's outputs scaled by 1/t. */
export function applyTemperature(model: TrainedModel, t: number): void {
  if (!(t > 0) || !Number.isFinite(t)) throw new RangeError(`temperature ${t}: expected a positive number`);
  for (const net of model.members) {
    const last = net.layers[net.layers.length - 1];
    if (last.type === undefined || last.type === 'dense') {
      for (let i = 0; i < last.weights.length; i++) last.weights[i] /= t;
      for (let i = 0; i < last.bias.length; i++) last.bias[i] /= t;
    } else if (last.type === 'trees') {
      const e = last.trees;
      for (let i = 0; i < e.leaf.length; i++) e.leaf[i] = Math.fround(e.leaf[i] / t);
      for (let i = 0; i < e.base.length; i++) e.base[i] = Math.fround(e.base[i] / t);
    } else {
      throw new RangeError(`cannot scale a member ending in a '${last.type}' layer`);
    }
  }
}

/**
 * fitModel, then (when asked) the temperature from inner held-out predictions. With
 * `normalise: 'corpus'` both are done on the rows of each corpus standardised on its own
 * (an inner held-out corpus too, as a device that has adapted to it would see it).
 */
export function fitRecipe(kind: ModelKind, input: FitInput, opts: ModelOptions = {}): TrainedModel {
  if (opts.rooms === 'gated') return fitRoomGated(kind, input, opts, fitRecipe);
  if (opts.normalise === 'corpus') {
    if (!input.speakers) throw new RangeError("normalise=corpus needs each row's corpus (speaker ids)");
    const model = fitRecipe(kind, { ...input, x: standardisePerCorpus(input.x, input.speakers) }, { ...opts, normalise: 'none' });
    model.inputNormalisation = { kind: 'corpus', prior: fitStandardiser(input.x) };
    model.info.normalise = 'corpus';
    return model;
  }
  const { calibrate, normalise: _, rooms: __, ...rest } = opts;
  if ((calibrate ?? 'none') === 'none') return fitModel(kind, input, rest);
  const speakers = input.speakers;
  if (!speakers || new Set(speakers).size < 2) throw new RangeError('temperature calibration needs rows from at least 2 speakers');
  const grouping = new Set(speakers.map(corpusOfSpeaker)).size >= 2 && innerGroupsFor(opts, speakers) === 'corpus' ? 'corpus' : 'speaker';
  const groups = grouping === 'corpus' ? speakers.map(corpusOfSpeaker) : speakers;
  const folds = innerFolds(groups, grouping === 'corpus' ? Infinity : undefined);
  const held: Matrix[][] = [];
  const truth: number[] = [];
  for (const rows of folds) {
    const out = new Set(rows);
    const fit = [...input.y.keys()].filter((i) => !out.has(i));
    const sub: FitInput = {
      ...input, x: takeRows(input.x, fit), y: Int32Array.from(fit, (i) => input.y[i]), speakers: fit.map((i) => speakers[i]),
    };
    // A class missing from an inner training part would shift the class indices: skip that fold.
    if (new Set(sub.y).size < input.classes.length) continue;
    const inner = fitModel(kind, sub, rest);
    held.push(memberLogits(inner, takeRows(input.x, rows)));
    truth.push(...rows.map((i) => input.y[i]));
  }
  const model = fitModel(kind, input, rest);
  if (held.length === 0) throw new RangeError('temperature calibration: no inner fold had every class in its training part');
  const pooled = held[0].map((_, m) => concatRows(held.map((h) => h[m])));
  const t = fitTemperature(pooled, truth);
  applyTemperature(model, t);
  const info: CalibrationInfo = {
    method: 'temperature', temperature: t, innerGroups: grouping, folds: held.length,
    before: calibrationFigures(scaledProbabilities(pooled, 1), truth),
    after: calibrationFigures(scaledProbabilities(pooled, t), truth),
  };
  model.info.calibration = info;
  return model;
}

function concatRows(parts: readonly Matrix[]): Matrix {
  const cols = parts[0].cols, rows = parts.reduce((a, p) => a + p.rows, 0);
  const data = new Float64Array(rows * cols);
  let o = 0;
  for (const p of parts) { data.set(p.data, o); o += p.data.length; }
  return { rows, cols, data };
}
