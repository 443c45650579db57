// `emotiond eval --protocol loco`: featurise the corpora, check them, run leave-one-corpus-
// out (loco.ts), and shape the report: one row per held-out corpus, over the classes it
// shares with the rest and over the core four, then the means.
import { EmotiondError } from '../core/errors.ts';
import { readCorpus, type CorpusSpec } from './corpus.ts';
import { loadDataset, type Dataset } from './dataset.ts';
import { recipeOptions, type EvaluateModelOptions } from './evaluate.ts';
import { resolveFeatureSource } from './feature-source.ts';
import { checkLocoCorpora, leaveOneCorpusOut, type LocoResult, type LocoTable } from './loco.ts';
import type { ModelKind } from './network.ts';

export interface LocoReport extends LocoResult {
  protocol: 'loco';
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

export async function evaluateLoco(opts: EvaluateModelOptions): Promise<LocoReport> {
  const t0 = Date.now();
  if (opts.speakerAdaptation) throw new EmotiondError('USAGE', '--speaker-adaptation does not apply to leave-one-corpus-out');
  await precheckLoco(opts.corpora);
  const src = await resolveFeatureSource(opts);
  const ds = await loadDataset(opts.corpora, src, opts);
  const seed = opts.seed ?? 1;
  const result = await leaveOneCorpusOut(ds, opts.model, { ...opts, seed });
  return {
    protocol: 'loco', model: opts.model, seed, augment: ds.augmented.map((a) => a.id),
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
  return out;
}

export function formatLocoReport(r: LocoReport): string {
  const opts = Object.entries(r.options).map(([k, v]) => ` | ${k} ${v}`).join('');
  const out = [
    `${r.model} | loco | ${r.corpora.map((c) => `${c.name} (${c.rows})`).join(', ')} | ${r.featureCount} features${opts}${r.augment.length ? ` | augmented ${r.augment.join(',')}` : ''} | seed ${r.seed}`,
    'leave one corpus out: nothing from the held-out corpus in training, selection or normalisation',
    '',
    ...formatTable('over the classes each held-out corpus shares with the others', r.shared),
    '',
    ...formatTable('over anger, happiness, neutral, sadness', r.core4),
    '',
    `${r.seconds.toFixed(1)} s`,
  ];
  return out.join('\n');
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
