// `emotiond analyze FILE...`: every file through the daemon's stages, in one thread or
// spread over worker threads (--jobs, daemon/batch/). Either way the output is the same,
// byte for byte and in the files' order: a file's results come from the same stages and
// the same code whichever thread runs it. One bad file is reported with its name; the
// others still come out, and the exit status is 1.
import { batchProgress } from '../batch/progress.ts';
import { runFilePool } from '../batch/file-pool.ts';
import type { BackendChoice } from '../commands/backend-options.ts';
import type { Config } from '../config/schema.ts';
import { errorMessage } from '../core/errors.ts';
import { analyzeFile, toJsonLine, toTable, type AnalyzeResult } from './analyze.ts';
import type { AnalyzeInit } from './analyze-task.ts';
import { loadModelStages } from './model-stages.ts';

export interface AnalyzeFilesOptions {
  whole: boolean;
  jsonl: boolean;
  configPath?: string;
  config: Config;
  choice: BackendChoice;
  jobs: number;
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
    if (results.length === 0) process.stderr.write(`${file}: no speech found\n`);
  };
  const onError = (file: string, message: string): void => {
    failed++;
    process.stderr.write(`emotiond: ${namingFile(file, message)}\n`);
  };
  const jobs = Math.min(o.jobs, files.length);
  if (jobs > 1 && !usesGpu(o.choice)) {
    const init: AnalyzeInit = { config: o.configPath, choice: o.choice, whole: o.whole };
    await runFilePool<AnalyzeResult[]>(files, {
      jobs, task: new URL('./analyze-task.ts', import.meta.url), init,
      onResult: (_, file, results) => onResult(file, results),
      onError: (_, file, message) => onError(file, message),
      onProgress: batchProgress('analyze', jobs),
    });
  } else {
    const stages = await loadModelStages(o.config, o.choice, (m) => process.stderr.write(`emotiond: ${m}\n`));
    const progress = batchProgress('analyze', 1);
    for (const [i, file] of files.entries()) {
      try {
        onResult(file, await analyzeFile(file, stages, { whole: o.whole, vad: o.config.vad }));
      } catch (err) {
        onError(file, errorMessage(err));
      }
      progress(i + 1, files.length);
    }
    await stages.classifier.dispose();
    await stages.extractor.dispose();
  }
  if (!o.jsonl && all.length) process.stdout.write(toTable(all) + '\n');
  return failed;
}

/** An error line names its file: most errors do already, the rest get it in front. */
export const namingFile = (file: string, message: string): string => (message.includes(file) ? message : `${file}: ${message}`);
