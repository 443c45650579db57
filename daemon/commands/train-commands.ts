// `emotiond train` and `emotiond eval`: command-line shells over daemon/train.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { EmotiondError } from '../core/errors.ts';
import type { CorpusSpec, LabelPreset, ModelKind, Protocol, TrainProgress } from '../train/index.ts';

const MODELS = ['logreg', 'mlp', 'ensemble'];

/** `--corpus emodb=../shared/datasets/emodb` (repeatable); a bare path takes its folder name. */
function parseCorpus(value: string, previous: CorpusSpec[] = []): CorpusSpec[] {
  const eq = value.indexOf('=');
  const dir = eq >= 0 ? value.slice(eq + 1) : value;
  const name = eq >= 0 ? value.slice(0, eq) : dir.replace(/\/+$/, '').split('/').pop()!;
  if (!name || !dir) throw new EmotiondError('USAGE', `--corpus ${value}: expected NAME=DIR or DIR`);
  return [...previous, { name, dir }];
}

function progressPrinter(quiet: boolean): (p: TrainProgress) => void {
  let last = '';
  return (p) => {
    if (quiet) return;
    const count = p.total ? ` ${p.done ?? 0}/${p.total}` : '';
    const line = `[${p.stage}]${count} ${p.message}`;
    // Per-file feature progress rewrites one line; everything else gets its own.
    if (p.stage === 'features' && p.total) {
      const done = p.done ?? 0;
      if (process.stderr.isTTY) process.stderr.write(`\r${line.slice(0, 120).padEnd(120)}${done === p.total ? '\n' : ''}`);
      // Into a log file, one line per tenth is enough.
      else if (done === p.total || done % Math.max(1, Math.ceil(p.total / 10)) === 0) process.stderr.write(`${line}\n`);
    } else if (line !== last) process.stderr.write(`${line}\n`);
    last = line;
  };
}

function checkModel(model: string): ModelKind {
  if (!MODELS.includes(model)) throw new EmotiondError('USAGE', `--model ${model}: expected one of ${MODELS.join(', ')}`);
  return model as ModelKind;
}

export function addTrainCommands(program: Command): void {
  program
    .command('eval')
    .description('cross-validate a model family speaker-independently and print UAR, WA, F1, recalls, confusion')
    .requiredOption('--corpus <name=dir>', 'corpus folder with labels.csv (repeatable)', parseCorpus)
    .option('--protocol <loso|folds>', 'leave-one-speaker-out, or the `fold` column', 'loso')
    .option('--model <kind>', `model family: ${MODELS.join(', ')}`, 'logreg')
    .option('--labels <preset>', 'label mapping preset (shared, calm-as-neutral, common6)', 'shared')
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .option('--json', 'print the report as JSON on stdout')
    .option('--svg <file>', 'also write the confusion matrix as SVG')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (o: { corpus: CorpusSpec[]; protocol: string; model: string; labels: string; seed: number; json?: boolean; svg?: string; quiet?: boolean }) => {
      const { evaluateModel, formatReport } = await import('../train/index.ts');
      if (o.protocol !== 'loso' && o.protocol !== 'folds') throw new EmotiondError('USAGE', `--protocol ${o.protocol}: expected loso or folds`);
      const report = await evaluateModel({
        corpora: o.corpus.map((c) => ({ ...c, labelMap: o.labels as LabelPreset })),
        protocol: o.protocol as Protocol,
        model: checkModel(o.model),
        seed: o.seed,
        onProgress: progressPrinter(!!o.quiet),
      });
      if (o.svg) {
        const { confusionSvg } = await import('../train/confusion-svg.ts');
        writeFileSync(o.svg, confusionSvg(report));
      }
      process.stdout.write(o.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report) + '\n');
    });

  program
    .command('train')
    .description('train a model on the corpora and export it to ONNX (+ its .json sidecar)')
    .option('--corpus <name=dir>', 'corpus folder with labels.csv (repeatable; default: both shared corpora)', parseCorpus)
    .option('--model <kind>', `model family: ${MODELS.join(', ')}`, 'logreg')
    .option('--labels <preset>', 'label mapping preset (shared, calm-as-neutral, common6)', 'shared')
    .option('--out <dir>', 'output folder', 'models')
    .option('--name <stem>', 'file stem of the model', 'emotion')
    .option('--evaluate <protocol>', 'cross-validate first (loso|folds) and record the figures in the sidecar')
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (o: { corpus?: CorpusSpec[]; model: string; labels: string; out: string; name: string; evaluate?: string; seed: number; quiet?: boolean }) => {
      const { trainModel, sharedCorpora } = await import('../train/index.ts');
      const corpora = (o.corpus ?? sharedCorpora()).map((c) => ({ ...c, labelMap: o.labels as LabelPreset }));
      const result = await trainModel({
        corpora,
        out: o.out,
        name: o.name,
        model: checkModel(o.model),
        seed: o.seed,
        evaluate: o.evaluate as Protocol | undefined,
        command: `emotiond ${process.argv.slice(2).join(' ')}`,
        onProgress: progressPrinter(!!o.quiet),
      });
      process.stdout.write(`wrote ${result.onnxPath} and ${result.metaPath} (${result.meta.classes.length} classes, ${result.meta.featureNames.length} features)\n`);
    });
}
