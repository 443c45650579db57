// `emotiond analyze FILE...`: every file through the daemon's stages, in one thread or
// spread over worker threads (--jobs, daemon/batch/). Either way the output is the same,
// byte for byte and in the files' order: a file's results come from the same stages and
// the same code whichever thread runs it. One bad file is reported with its name; the
// others still come out, and the exit status is 1.
import { readFileSync } from 'node:fs';
import { runFilePool } from '../batch/file-pool.ts';
import { batchProgress } from '../batch/progress.ts';
import type { BackendChoice } from '../commands/backend-options.ts';
import type { Config } from '../config/schema.ts';
import { errorMessage } from '../core/errors.ts';
import type { InputLimits } from '../audio/input-limits.ts';
import { FEATURE_SET_IDS, type FeatureSetId } from '../features/feature-sets.ts';
import { sidecarPath } from '../model/model-meta.ts';
import { resolvePath } from './resolve-path.ts';
import { analyzeFile, classifyFile, noSpeechJsonLine, reportDamage, toJsonLine, toTable, type AnalyzeResult, type FileFeatures } from './analyze.ts';
import { taskWithExtractor, type AnalyzeInit, type WorkerFeatures } from './analyze-task.ts';
import { loadModelStages } from './model-stages.ts';
import { FileDetector } from './file-detector.ts';

export interface AnalyzeFilesOptions {
  whole: boolean;
  jsonl: boolean;
  configPath?: string;
  config: Config;
  choice: BackendChoice;
  jobs: number;
  /** Refused before decoding: non-regular files, and past these (--max-file-mib, --max-duration-s). */
  limits: InputLimits;
}

/** The GPU is one device: its stages stay in one thread, whatever --jobs says. */
export const usesGpu = (c: BackendChoice): boolean => c.backend === 'webgpu' || c.backend === 'auto' || c.ep === 'webgpu';

/** Prints the results; resolves to the number of files that failed. */
export async function analyzeFiles(files: string[], o: AnalyzeFilesOptions): Promise<number> {
  const all: AnalyzeResult[] = [];
  let failed = 0;
  const onResult = (file: string, results: AnalyzeResult[]): void => {
    if (o.jsonl) for (const r of results) process.stdout.write(toJsonLine(r) + '\n');
    else all.push(...results);
    if (results.length === 0) {
      // The documented answer for a file without speech (`--whole` included).
      if (o.jsonl) process.stdout.write(noSpeechJsonLine(file) + '\n');
      process.stderr.write(`${file}: no speech found\n`);
    }
  };
  const onError = (file: string, message: string): void => {
    failed++;
    process.stderr.write(`emotiond: ${namingFile(file, message)}\n`);
  };
  const jobs = Math.min(o.jobs, files.length);
  const setId = jobs > 1 && !usesGpu(o.choice) ? modelFeatureSet(o.config) : null;
  const log = (m: string): void => void process.stderr.write(`emotiond: ${m}\n`);
  if (setId) {
    // The model loads here while the workers start; they send features, it classifies them.
    const stagesP = loadModelStages(noAdaptation(o.config), o.choice, log);
    stagesP.catch(() => undefined); // reported where awaited
    const init: AnalyzeInit = { setId, backend: o.choice.backend, whole: o.whole, vad: o.config.vad, limits: o.limits };
    try {
      await runFilePool<WorkerFeatures>(files, {
        jobs, task: new URL('./analyze-task.ts', import.meta.url), init,
        // This thread's files go through the extractor loaded with the model.
        hereTask: async () => taskWithExtractor((await stagesP).extractor, init, { workerIndex: 0 }),
        onResult: async (_, file, f) => {
          const { extractor, classifier } = await stagesP;
          const names = extractor.names;
          const features: FileFeatures = 'whole' in f ? { whole: { names, values: f.whole } } : { segments: f.segments, vectors: f.vectors.map((values) => ({ names, values })) };
          reportDamage(f);
          onResult(file, await classifyFile(file, features, classifier));
        },
        onError: (_, file, message) => onError(file, message),
        onProgress: batchProgress('analyze', jobs),
      });
    } finally {
      const stages = await stagesP.catch(() => null);
      await stages?.classifier.dispose();
      await stages?.extractor.dispose();
    }
    // A model that does not load fails the command as it does in one thread.
    await stagesP;
  } else {
    const stages = { ...(await loadModelStages(noAdaptation(o.config), o.choice, log)), detector: await FileDetector.create(o.config.vad, log) };
    const progress = batchProgress('analyze', 1);
    for (const [i, file] of files.entries()) {
      try {
        onResult(file, await analyzeFile(file, stages, { whole: o.whole, limits: o.limits }));
      } catch (err) {
        onError(file, errorMessage(err));
      }
      progress(i + 1, files.length);
    }
    await stages.detector.dispose();
    await stages.classifier.dispose();
    await stages.extractor.dispose();
  }
  if (!o.jsonl && all.length) process.stdout.write(toTable(all) + '\n');
  return failed;
}

/**
 * The feature set the model's sidecar names (as loadModelStages reads it), for the workers;
 * null where the sidecar cannot be read: the one-thread path then reports why.
 */
function modelFeatureSet(config: Config): FeatureSetId | null {
  try {
    const meta = JSON.parse(readFileSync(sidecarPath(resolvePath(config.model.path)), 'utf8')) as { featureSet?: unknown };
    const id = meta.featureSet ?? 'emotiond-v1';
    return typeof id === 'string' && (FEATURE_SET_IDS as readonly string[]).includes(id) ? (id as FeatureSetId) : null;
  } catch {
    return null;
  }
}

/** analyze classifies each file on its own: it never adapts, whatever the config says. */
const noAdaptation = (c: Config): Config => ({ ...c, model: { ...c.model, adapt: 'none' } });

/** An error line names its file: most errors do already, the rest get it in front. */
export const namingFile = (file: string, message: string): string => (message.includes(file) ? message : `${file}: ${message}`);
