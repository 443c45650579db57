// `emotiond analyze` in a batch worker (daemon/batch/): each worker loads the config and the
// model stages once, as the one-thread path does, then analyzes the files it is given.
import type { FileTask, TaskContext } from '../batch/task.ts';
import type { BackendChoice } from '../commands/backend-options.ts';
import { loadConfig } from '../config/load-config.ts';
import { analyzeFile, type AnalyzeResult } from './analyze.ts';
import { loadModelStages } from './model-stages.ts';

export interface AnalyzeInit {
  config?: string;
  choice: BackendChoice;
  whole: boolean;
}

export async function createTask(init: AnalyzeInit, ctx: TaskContext): Promise<FileTask<AnalyzeResult[]>> {
  const config = loadConfig(init.config);
  // Start-up warnings (a fallback EP, say) once, from the first worker, not once per worker.
  const warn = (m: string): void => void (ctx.workerIndex === 0 && process.stderr.write(`emotiond: ${m}\n`));
  const stages = await loadModelStages(config, init.choice, warn);
  return {
    run: async (file) => ({ value: await analyzeFile(file, stages, { whole: init.whole, vad: config.vad, onWarning: warn }) }),
    dispose: async () => {
      await stages.classifier.dispose();
      await stages.extractor.dispose();
    },
  };
}
