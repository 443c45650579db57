// The `--model cnn` branches of `emotiond eval` and `emotiond train`: the frame family
// reads frame sequences, not the functionals the other families' flags shape, so it
// takes its own parameters (cnn.*) and refuses the functional-only flags.
import { EmotiondError } from '../../core/errors.ts';
import type { CorpusSpec } from '../corpus.ts';
import type { EvalProtocol } from '../evaluate.ts';
import type { LabelPreset } from '../labels.ts';
import type { ProgressFn } from '../progress.ts';
import { parseCnnParams } from './cnn-params.ts';
import type { FusionFigures, SequenceEvalReport } from './sequence-eval.ts';

export interface SequenceFlags {
  corpus: CorpusSpec[];
  labels: string;
  seed: number;
  param?: string[];
  members?: string;
  select?: number;
  augment?: string;
  speakerAdaptation?: boolean;
}

function cnnOptions(o: SequenceFlags) {
  const unsupported = [
    o.members !== undefined && '--members', o.select !== undefined && '--select',
    o.augment !== undefined && '--augment', o.speakerAdaptation && '--speaker-adaptation',
  ].filter(Boolean);
  if (unsupported.length) throw new EmotiondError('USAGE', `--model cnn does not take ${unsupported.join(', ')} (functional models only)`);
  try {
    return parseCnnParams(o.param ?? []);
  } catch (err) {
    if (err instanceof RangeError) throw new EmotiondError('USAGE', err.message);
    throw err;
  }
}

export async function sequenceEval(o: SequenceFlags & { protocol: EvalProtocol }, onProgress: ProgressFn): Promise<SequenceEvalReport> {
  const cnn = cnnOptions(o);
  const { evaluateSequenceModel } = await import('./sequence-eval.ts');
  return evaluateSequenceModel({
    corpora: o.corpus.map((c) => ({ ...c, labelMap: o.labels as LabelPreset })),
    protocol: o.protocol, seed: o.seed, cnn, onProgress,
  });
}

export async function sequenceTrain(o: SequenceFlags & { out: string; name: string; command: string }, onProgress: ProgressFn) {
  const cnn = cnnOptions(o);
  const { trainSequenceModel } = await import('./sequence-train.ts');
  return trainSequenceModel({
    corpora: o.corpus.map((c) => ({ ...c, labelMap: o.labels as LabelPreset })),
    out: o.out, name: o.name, seed: o.seed, cnn, command: o.command, onProgress,
  });
}

/** The fusion lines printed under the CNN's own report. */
export function formatFusion(r: SequenceEvalReport): string {
  const pct = (v: number) => (v * 100).toFixed(1);
  const fits = r.sequence.foldFits.map((f) => `${f.fold} ${f.bestEpoch}/${f.epochsRun}`).join(' | ');
  const lines = [`cnn epochs (best/run): ${fits}`];
  if (r.fusion) {
    const { logreg, mean } = r.fusion;
    // Leave-one-corpus-out is judged by the mean over held-out corpora, not the pooled rows.
    const folds = (f: FusionFigures) => r.protocol === 'loco' ? `  (mean over held-out corpora ${pct(f.foldUar.mean)})` : '';
    lines.push(`logreg on the ${r.fusion.functionals.count} functionals, same folds: UAR ${pct(logreg.uar)}%  WA ${pct(logreg.wa)}%  macro-F1 ${pct(logreg.macroF1)}%${folds(logreg)}`);
    lines.push(`mean of cnn and logreg probabilities: UAR ${pct(mean.uar)}%  WA ${pct(mean.wa)}%  macro-F1 ${pct(mean.macroF1)}%  (${mean.uar > logreg.uar ? '+' : ''}${pct(mean.uar - logreg.uar)} UAR over logreg)${folds(mean)}`);
  }
  return lines.join('\n');
}
