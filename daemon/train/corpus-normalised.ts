// Training for devices that adapt (`--param normalise=corpus`): every training corpus is
// standardised on its own statistics before fitting, so the model learns what tells the
// emotions apart inside a room and a language, not what tells the rooms and languages
// apart. Such a model reads features standardised on the speech a device has heard
// (model.adapt: running, featureNormalisation 'device' in its sidecar). Without any
// statistics of the speech to come (strict evaluation, a device that has heard nothing yet)
// its input is the raw features standardised on the pooled training rows: `prior`.
import type { Matrix } from './linalg.ts';
import { corpusOfSpeaker } from './models.ts';
import type { TrainedModel } from './network.ts';
import { normaliseByGroup } from './speaker-norm.ts';
import { applyStandardiser, type Standardiser } from './standardise.ts';

export interface InputNormalisation {
  kind: 'corpus';
  /** The raw training rows' statistics: where a device's own statistics start. */
  prior: Standardiser;
}

/** Each corpus's rows (by the `corpus:` prefix of their speaker) standardised on that corpus's own statistics. */
export function standardisePerCorpus(x: Matrix, speakers: readonly string[]): Matrix {
  if (speakers.length !== x.rows) throw new RangeError(`${speakers.length} speakers for ${x.rows} rows`);
  return normaliseByGroup(x, speakers.map(corpusOfSpeaker));
}

/** Raw rows as the model reads them when nothing is known of the speech to come. */
export function strictInput(model: Pick<TrainedModel, 'inputNormalisation'>, x: Matrix): Matrix {
  return model.inputNormalisation ? applyStandardiser(x, model.inputNormalisation.prior) : x;
}
