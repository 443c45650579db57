// Trains the frame CNN on every utterance of the given corpora and writes <out>/<name>.onnx
// and <name>.json. The sidecar's featureNames are the frame columns and training.input says
// 'frames': the daemon's classifier reads functionals, so it refuses this file until it
// feeds frames (daemon/train/sequence/README.md, "Running it in the daemon").
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelMeta } from '../../core/types.ts';
import type { CorpusSpec } from '../corpus.ts';
import { dimensionsFor } from '../dimensions.ts';
import type { ProgressFn } from '../progress.ts';
import { minFrames } from './cnn.ts';
import { buildCnnOnnx, FRAMES_INPUT } from './cnn-onnx.ts';
import { loadSequenceDataset, TRIM_DB, TRIM_MARGIN, type SequenceDatasetOptions } from './sequence-dataset.ts';
import { trainCnn, type CnnOptions } from './train-cnn.ts';

export interface TrainSequenceOptions extends SequenceDatasetOptions {
  corpora: CorpusSpec[];
  out: string;
  name: string;
  seed?: number;
  cnn?: CnnOptions;
  command?: string;
  onProgress?: ProgressFn;
}

export async function trainSequenceModel(opts: TrainSequenceOptions): Promise<{ onnxPath: string; metaPath: string; meta: ModelMeta }> {
  if (!/^[A-Za-z0-9_.-]+$/.test(opts.name)) throw new RangeError(`model name '${opts.name}' must be letters, digits, '_', '.' or '-'`);
  const seed = opts.seed ?? 1;
  const sd = await loadSequenceDataset(opts.corpora, opts);
  opts.onProgress?.({ stage: 'fit', message: `fitting cnn on ${sd.y.length} utterances, ${sd.columns.length} frame columns, ${sd.classes.length} classes` });
  const fit = trainCnn({ columns: sd.columns, seqs: sd.seqs, y: sd.y, speakers: sd.speakers }, sd.classes, opts.cnn, seed,
    (epoch, loss) => opts.onProgress?.({ stage: 'fit', message: `epoch ${epoch}: validation loss ${loss.toFixed(4)}` }));
  const { dimensions, unplaced } = dimensionsFor(sd.classes);
  const meta: ModelMeta = {
    name: opts.name,
    classes: [...sd.classes],
    featureNames: [...sd.columns],
    dimensions,
    training: {
      tool: 'emotiond train', model: 'cnn', input: FRAMES_INPUT,
      frames: { rate: 100, minFrames: minFrames(fit.network.convs), layout: '[N, T, columns], raw LLD values', trim: { db: TRIM_DB, marginFrames: TRIM_MARGIN } },
      ...(opts.command ? { command: opts.command } : {}),
      trainedAt: new Date().toISOString(), seed,
      corpora: sd.corpora, rows: sd.y.length,
      ...(unplaced.length ? { unplacedClasses: unplaced } : {}),
      fit: fit.info,
    },
  };
  const onnxPath = join(opts.out, `${opts.name}.onnx`), metaPath = join(opts.out, `${opts.name}.json`);
  await mkdir(opts.out, { recursive: true });
  await writeFile(onnxPath, buildCnnOnnx(fit.network, { name: opts.name }));
  await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return { onnxPath, metaPath, meta };
}
