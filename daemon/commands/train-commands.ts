// `emotiond train` and `emotiond eval`: command-line shells over daemon/train.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { EmotiondError } from '../core/errors.ts';
import { SHIPPED_RECIPE, withRecipeParams } from '../train/recipe.ts';
import type { Augmentation, CorpusSpec, LabelPreset, ModelKind, ModelOptions, Protocol, TrainProgress } from '../train/index.ts';
import type { EvalProtocol } from '../train/evaluate.ts';

// As MODEL_KINDS in daemon/train/network.ts; listed here so --help needs no training imports.
const MODELS = ['logreg', 'mlp', 'lda', 'svm', 'rbf-svm', 'gbt', 'linear-cv', 'ensemble'];
// Reads frame sequences instead of functionals: daemon/train/sequence/, with its own flags (cnn.*).
const SEQUENCE_MODELS = ['cnn'];

const collect = (v: string, previous: string[] = []): string[] => [...previous, v];

interface ModelFlags {
  model: string;
  features: string;
  members?: string;
  select?: number;
  param?: string[];
  augment?: string;
}

/** The model options and augmentations the shared flags of train and eval ask for. */
async function modelSettings(o: ModelFlags, adaptive = false): Promise<{ model: ModelKind; options: ModelOptions; augment: Augmentation[] }> {
  const { parseAugmentations, parseMembers, parseModelParams } = await import('../train/index.ts');
  const model = checkModel(o.model);
  try {
    // The recipe's parameters come with its model family only: --model mlp starts from that family's defaults.
    // `eval --adapt running` measures the recipe for devices that adapt (recipe.ts).
    const options: ModelOptions = parseModelParams(withRecipeParams(o.param, model === SHIPPED_RECIPE.model, adaptive));
    if (o.members !== undefined) {
      if (model !== 'ensemble') throw new RangeError('--members needs --model ensemble');
      options.members = parseMembers(o.members);
    }
    if (o.select !== undefined) {
      if (!Number.isInteger(o.select) || o.select < 1) throw new RangeError(`--select ${o.select}: expected a positive whole number`);
      options.select = o.select;
    }
    // A gated recipe needs room copies: the recipe's unless --augment names others.
    const augment = o.augment ?? (options.rooms === 'gated' ? SHIPPED_RECIPE.augment : undefined);
    return { model, options, augment: augment ? parseAugmentations(augment) : [] };
  } catch (err) {
    if (err instanceof RangeError) throw new EmotiondError('USAGE', err.message);
    throw err;
  }
}

function addModelFlags(cmd: Command): Command {
  return cmd
    // The defaults are the shipped model's recipe (daemon/train/recipe.ts, models/README.md).
    .option('--model <kind>', `model family: ${[...MODELS, ...SEQUENCE_MODELS].join(', ')}`, SHIPPED_RECIPE.model)
    .option('--members <kinds>', 'ensemble members, comma-separated (default logreg,mlp)')
    .option('--select <k>', 'keep the k features of highest ANOVA F, chosen on each training fold', (v) => Number(v))
    .option('--param <key=value>', `a hyperparameter, e.g. lda.shrinkage=0.3, svm.c=0.001, calibrate=none (repeatable; with the default --model, on top of ${SHIPPED_RECIPE.params.join(' ')})`, collect)
    .option('--augment <list>', `augmented copies of the training files, e.g. speed:0.9,speed:1.1,noise:20,gain:-6 (with rooms=gated, the recipe's, default ${SHIPPED_RECIPE.augment})`)
    .option('--features <set>', 'feature set: egemaps (egemaps-v02, what the shipped model reads), extended2 (emotiond-extended-v2), extended (emotiond-extended-v1), v1 (emotiond-v1)', SHIPPED_RECIPE.features);
}

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
  addModelFlags(program
    .command('eval')
    .description('cross-validate a model family speaker-independently and print UAR, WA, F1, recalls, confusion'))
    .requiredOption('--corpus <name=dir>', 'corpus folder with labels.csv (repeatable)', parseCorpus)
    .option('--train-corpus <name=dir>', 'loso/folds: a corpus added to every training fold, never tested (repeatable)', parseCorpus)
    .option('--protocol <loso|folds|loco>', 'leave-one-speaker-out, the `fold` column, or leave-one-corpus-out (needs 2+ corpora)', 'loso')
    .option('--degrade <steps>', 'loco: degrade the test audio, e.g. noise:10,reverb:0.5 (noise = babble + white; also white:, pink:, babble:; reverb: RT60 in s)')
    .option('--adapt <mode>', "loco: 'running' maps each held-out utterance with running statistics of those before it (reported as adapted), with the recipe for devices that adapt (logreg.c=0.03 normalise=corpus unless --param says otherwise)", 'none')
    .option('--speaker-adaptation', 'normalise every speaker with its own statistics (reported as speaker-adapted, not speaker-independent)')
    .option('--labels <preset>', 'label mapping preset (core4, shared, calm-as-neutral, common6)', SHIPPED_RECIPE.labels)
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .option('--json', 'print the report as JSON on stdout')
    .option('--svg <file>', 'also write the confusion matrix as SVG')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (o: ModelFlags & { corpus: CorpusSpec[]; protocol: string; labels: string; seed: number; json?: boolean; svg?: string; quiet?: boolean; speakerAdaptation?: boolean; degrade?: string; adapt: string; trainCorpus?: CorpusSpec[] }) => {
      const { evaluateModel, formatReport } = await import('../train/index.ts');
      if (o.protocol !== 'loso' && o.protocol !== 'folds' && o.protocol !== 'loco') throw new EmotiondError('USAGE', `--protocol ${o.protocol}: expected loso, folds or loco`);
      if (o.protocol === 'loco' && o.trainCorpus) throw new EmotiondError('USAGE', '--train-corpus applies to loso and folds (loco trains on every corpus but the held-out one)');
      if (o.protocol !== 'loco' && (o.degrade || o.adapt !== 'none')) throw new EmotiondError('USAGE', '--degrade and --adapt apply to --protocol loco');
      if (o.protocol === 'loco' && !SEQUENCE_MODELS.includes(o.model)) {
        const { evaluateLoco, formatLocoReport, pooledCore4 } = await import('../train/loco-report.ts');
        const { model, options, augment } = await modelSettings(o, o.adapt === 'running');
        const { parseDegradation } = await import('../train/degrade.ts');
        let degrade;
        try {
          degrade = o.degrade ? parseDegradation(o.degrade) : undefined;
        } catch (err) {
          throw new EmotiondError('USAGE', (err as Error).message);
        }
        if (o.adapt !== 'none' && o.adapt !== 'running') throw new EmotiondError('USAGE', `--adapt ${o.adapt}: expected none or running`);
        const report = await evaluateLoco({
          degrade, adapt: o.adapt,
          ...options, corpora: o.corpus.map((c) => ({ ...c, labelMap: o.labels as LabelPreset })), protocol: 'loso', model, augment,
          speakerAdaptation: !!o.speakerAdaptation, featureSet: o.features, seed: o.seed, onProgress: progressPrinter(!!o.quiet),
        });
        if (o.svg) writeFileSync(o.svg, (await import('../train/confusion-svg.ts')).confusionSvg(pooledCore4(report)));
        process.stdout.write(o.json ? JSON.stringify(report, null, 2) + '\n' : formatLocoReport(report) + '\n');
        return;
      }
      if (SEQUENCE_MODELS.includes(o.model)) {
        const { sequenceEval, formatFusion } = await import('../train/sequence/sequence-command.ts');
        if (o.degrade || o.adapt !== 'none') throw new EmotiondError('USAGE', `--model ${o.model}: --degrade and --adapt are for the functional families`);
        const r = await sequenceEval({ ...o, protocol: o.protocol as EvalProtocol }, progressPrinter(!!o.quiet));
        if (o.svg) writeFileSync(o.svg, (await import('../train/confusion-svg.ts')).confusionSvg(r as never));
        process.stdout.write(o.json ? JSON.stringify(r, null, 2) + '\n' : `${formatReport(r as never)}\n${formatFusion(r)}\n`);
        return;
      }
      const { model, options, augment } = await modelSettings(o);
      const report = await evaluateModel({
        ...options,
        corpora: o.corpus.map((c) => ({ ...c, labelMap: o.labels as LabelPreset })),
        trainOnly: (o.trainCorpus ?? []).map((c) => ({ ...c, labelMap: o.labels as LabelPreset })),
        protocol: o.protocol as Protocol,
        model,
        augment,
        speakerAdaptation: !!o.speakerAdaptation,
        featureSet: o.features,
        seed: o.seed,
        onProgress: progressPrinter(!!o.quiet),
      });
      if (o.svg) {
        const { confusionSvg } = await import('../train/confusion-svg.ts');
        writeFileSync(o.svg, confusionSvg(report));
      }
      process.stdout.write(o.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report) + '\n');
    });

  addModelFlags(program
    .command('train')
    .description('train a model on the corpora and export it to ONNX (+ its .json sidecar)'))
    .option('--corpus <name=dir>', 'corpus folder with labels.csv (repeatable; default: the five shared corpora)', parseCorpus)
    .option('--labels <preset>', 'label mapping preset (core4, shared, calm-as-neutral, common6)', SHIPPED_RECIPE.labels)
    .option('--out <dir>', 'output folder', 'models')
    .option('--name <stem>', 'file stem of the model', 'emotion')
    .option('--evaluate <protocol>', 'cross-validate first (loso|folds) and record the figures in the sidecar')
    .option('--seed <n>', 'random seed', (v) => Number(v), 1)
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (o: ModelFlags & { corpus?: CorpusSpec[]; labels: string; out: string; name: string; evaluate?: string; seed: number; quiet?: boolean }) => {
      const { trainModel, sharedCorpora } = await import('../train/index.ts');
      const corpora = (o.corpus ?? sharedCorpora()).map((c) => ({ ...c, labelMap: o.labels as LabelPreset }));
      if (o.evaluate !== undefined && o.evaluate !== 'loso' && o.evaluate !== 'folds') throw new EmotiondError('USAGE', `--evaluate ${o.evaluate}: expected loso or folds`);
      if (SEQUENCE_MODELS.includes(o.model)) {
        if (o.evaluate !== undefined) throw new EmotiondError('USAGE', '--model cnn: run `emotiond eval --model cnn` for its figures');
        const { sequenceTrain } = await import('../train/sequence/sequence-command.ts');
        const r = await sequenceTrain({ ...o, corpus: corpora, command: `emotiond ${process.argv.slice(2).join(' ')}` }, progressPrinter(!!o.quiet));
        process.stdout.write(`wrote ${r.onnxPath} and ${r.metaPath} (${r.meta.classes.length} classes, ${r.meta.featureNames.length} frame columns)\n`);
        return;
      }
      const { model, options, augment } = await modelSettings(o);
      const result = await trainModel({
        ...options,
        corpora,
        out: o.out,
        name: o.name,
        model,
        augment,
        featureSet: o.features,
        seed: o.seed,
        evaluate: o.evaluate as Protocol | undefined,
        command: `emotiond ${process.argv.slice(2).join(' ')}`,
        onProgress: progressPrinter(!!o.quiet),
      });
      process.stdout.write(`wrote ${result.onnxPath} and ${result.metaPath} (${result.meta.classes.length} classes, ${result.meta.featureNames.length} features)\n`);
    });
}
