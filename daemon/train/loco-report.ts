// `emotiond eval --protocol loco`: featurise the corpora, check them, run leave-one-corpus-
// out (loco.ts), and shape the report: one row per held-out corpus, over the classes it
// shares with the rest and over the core four, then the means.
import { EmotiondError } from '../core/errors.ts';
import { readCorpus, type CorpusSpec } from './corpus.ts';
import { loadDataset, type Dataset } from './dataset.ts';
import { recipeOptions, type EvaluateModelOptions } from './evaluate.ts';
import { resolveFeatureSource } from './feature-source.ts';
import { checkLocoCorpora, leaveOneCorpusOut, type LocoResult, type LocoTable } from './loco.ts';
import type { ModelKind, TrainedModel } from './network.ts';
import { runningAdaptedRows } from './adapted-rows.ts';
import type { Degradation } from './degrade.ts';
import { loadDegradedRows } from './degraded-features.ts';
import { takeRows } from './linalg.ts';
import { strictInput } from './corpus-normalised.ts';

export interface LocoReport extends LocoResult {
  protocol: 'loco';
  /** Test audio degraded this way (`reverb:0.5+noise:10`), or null for clean audio. */
  degrade: string | null;
  /** 'running': held-out features mapped with running statistics of the utterances before them (not strict). */
  adapt: 'none' | 'running';
  model: ModelKind;
  seed: number;
  augment: string[];
  options: ReturnType<typeof recipeOptions> & { select?: number };
  corpora: Dataset['corpora'];
  rows: number;
  featureCount: number;
  nonFiniteReplaced: number;
  seconds: number;
}

/** Reads every corpus's labels and refuses what LOCO cannot run on, before any feature is extracted. */
export async function precheckLoco(specs: readonly CorpusSpec[]): Promise<void> {
  const classes = new Map<string, Set<string>>();
  for (const spec of specs) {
    const corpus = await readCorpus(spec);
    classes.set(corpus.name, new Set(corpus.entries.map((e) => e.emotion)));
  }
  checkLocoCorpora(classes);
}

export interface LocoEvalOptions extends EvaluateModelOptions {
  degrade?: Degradation;
  adapt?: 'none' | 'running';
}

export async function evaluateLoco(opts: LocoEvalOptions): Promise<LocoReport> {
  const t0 = Date.now();
  if (opts.speakerAdaptation) throw new EmotiondError('USAGE', '--speaker-adaptation does not apply to leave-one-corpus-out');
  await precheckLoco(opts.corpora);
  const src = await resolveFeatureSource(opts);
  const ds = await loadDataset(opts.corpora, src, opts);
  const seed = opts.seed ?? 1;
  const testX = opts.degrade ? await loadDegradedRows(ds, opts.corpora, src, opts.degrade, opts) : ds.x;
  const adapt = opts.adapt ?? 'none';
  const testRows = (corpus: string, rows: readonly number[], model: TrainedModel) => adapt === 'running'
    ? runningAdaptedRows(testX, rows, model, seed, corpus)
    : strictInput(model, takeRows(testX, rows));
  const result = await leaveOneCorpusOut(ds, opts.model, { ...opts, seed, testRows });
  return {
    protocol: 'loco', degrade: opts.degrade?.id ?? null, adapt, model: opts.model, seed, augment: ds.augmented.map((a) => a.id),
    options: { ...recipeOptions(opts), ...(opts.select !== undefined ? { select: opts.select } : {}) },
    corpora: ds.corpora, rows: ds.y.length, featureCount: ds.featureNames.length, nonFiniteReplaced: ds.nonFinite,
    ...result,
    seconds: (Date.now() - t0) / 1000,
  };
}

const pct = (v: number): string => (Number.isFinite(v) ? (v * 100).toFixed(1) : '-');
const num = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '-');

function formatTable(title: string, t: LocoTable): string[] {
  const out = [title, 'held out    classes  UAR    WA     F1     ECE    NLL    Brier  temp   predicted'];
  for (const f of t.folds) {
    const hist = Object.entries(f.predicted).map(([c, n]) => `${c.slice(0, 5)} ${n}`).join(', ');
    out.push(`${f.corpus.padEnd(11)} ${String(f.classes.length).padStart(7)}  ${pct(f.uar).padEnd(5)}  ${pct(f.wa).padEnd(5)}  ${pct(f.macroF1).padEnd(5)}  ${num(f.calibration.ece)}  ${num(f.calibration.nll)}  ${num(f.calibration.brier)}  ${f.temperature !== undefined ? f.temperature.toFixed(2).padEnd(5) : '-    '}  ${hist}`);
  }
  const m = t.mean;
  out.push(`${'mean'.padEnd(11)} ${''.padStart(7)}  ${pct(m.uar).padEnd(5)}  ${pct(m.wa).padEnd(5)}  ${pct(m.macroF1).padEnd(5)}  ${num(m.ece)}  ${num(m.nll)}  ${num(m.brier)}`);
  const pc = t.pooledCalibration;
  if (pc) out.push(`${'pooled'.padEnd(11)} ${''.padStart(7)}  ${''.padEnd(5)}  ${pct(pc.accuracy).padEnd(5)}  ${''.padEnd(5)}  ${num(pc.ece)}  ${num(pc.nll)}  ${num(pc.brier)}   (all held-out rows together; mean confidence ${pct(pc.meanConfidence)}%)`);
  return out;
}

export function formatLocoReport(r: LocoReport): string {
  const opts = Object.entries(r.options).map(([k, v]) => ` | ${k} ${v}`).join('');
  const out = [
    `${r.model} | loco | ${r.corpora.map((c) => `${c.name} (${c.rows})`).join(', ')} | ${r.featureCount} features${opts}${r.augment.length ? ` | augmented ${r.augment.join(',')}` : ''} | seed ${r.seed}`,
    r.adapt === 'running'
      ? 'leave one corpus out, WITH RUNNING ADAPTATION: each held-out utterance mapped with unlabelled statistics of the ones before it (not strict)'
      : 'leave one corpus out: nothing from the held-out corpus in training, selection or normalisation',
    ...(r.degrade ? [`test audio degraded: ${r.degrade}`] : []),
    '',
    ...formatTable('over the classes each held-out corpus shares with the others', r.shared),
    '',
    ...formatTable('over anger, happiness, neutral, sadness', r.core4),
    ...roomShares(r.core4),
    '',
    `${r.seconds.toFixed(1)} s`,
  ];
  return out.join('\n');
}

/** Room-gated models: how much of each held-out corpus the gate took for room audio. */
function roomShares(t: LocoTable): string[] {
  if (!t.folds.some((f) => f.roomShare !== undefined)) return [];
  return ['', `room gate, held-out utterances taken for room audio: ${t.folds.map((f) => `${f.corpus} ${((f.roomShare ?? 0) * 100).toFixed(1)}%`).join(', ')}`];
}

/** The core-4 confusions of every held-out corpus summed: one matrix for --svg. */
export function pooledCore4(r: LocoReport): { classes: string[]; confusion: number[][]; uar: number; wa: number; protocol: string; model: string } {
  const classes = r.core4.folds[0]?.classes ?? [];
  const confusion = classes.map(() => classes.map(() => 0));
  for (const f of r.core4.folds) {
    if (f.classes.join() !== classes.join()) continue;
    f.confusion.forEach((row, i) => row.forEach((n, j) => { confusion[i][j] += n; }));
  }
  return { classes, confusion, uar: r.core4.mean.uar, wa: r.core4.mean.wa, protocol: 'loco, core 4, summed (UAR: mean over corpora)', model: r.model };
}
