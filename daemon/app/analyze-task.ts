// `emotiond analyze` in a batch thread (daemon/batch/): decoding, voice activity and
// features, the costly part, each thread with its own extractor of the model's feature set
// and its own speech detector; the main thread classifies the vectors with its one model
// (analyze-files.ts), in the files' order.
import type { FileTask, TaskContext } from '../batch/task.ts';
import type { Config } from '../config/schema.ts';
import type { FeatureSetId } from '../features/feature-sets.ts';
import { createAsyncSetExtractor } from '../features/feature-sets.ts';
import type { AsyncFeatureExtractor, FeatureBackendChoice } from '../features/webgpu/async-extractor.ts';
import type { InputLimits } from '../audio/input-limits.ts';
import { fileFeatures, type FileFeatures } from './analyze.ts';
import { FileDetector } from './file-detector.ts';

export interface AnalyzeInit {
  setId: FeatureSetId;
  backend: FeatureBackendChoice;
  whole: boolean;
  vad: Config['vad'];
  /** --max-file-mib / --max-duration-s: each worker refuses what the main thread would. */
  limits: InputLimits;
}

/**
 * What crosses back: the vectors' values only (the main thread has the names), and the
 * file's damaged-audio warnings, which the main thread prints in the files' order.
 */
export type WorkerFeatures = (
  | { whole: Float32Array }
  | { segments: { startS: number; endS: number }[]; vectors: Float32Array[] }
) & { warnings?: string[] };

export async function createTask(init: AnalyzeInit, ctx: TaskContext): Promise<FileTask<WorkerFeatures>> {
  const extractor = await createAsyncSetExtractor(init.setId, init.backend);
  const task = await taskWithExtractor(extractor, init, ctx);
  return {
    run: task.run,
    dispose: async () => {
      await task.dispose();
      await extractor.dispose();
    },
  };
}

/**
 * The task on an extractor its caller owns and disposes: the main thread's, loaded with the
 * model (analyze-files.ts), so that thread does not build a second one for its own files.
 */
export async function taskWithExtractor(extractor: AsyncFeatureExtractor, init: AnalyzeInit, ctx: TaskContext): Promise<FileTask<WorkerFeatures>> {
  // Warnings (the Silero VAD falling back) once, from the first worker, not once per worker.
  const warn = (m: string): void => void (ctx.workerIndex === 0 && process.stderr.write(`emotiond: ${m}\n`));
  const detector = await FileDetector.create(init.vad, warn);
  return {
    run: async (file) => {
      const f: FileFeatures = await fileFeatures(file, { extractor, detector }, { whole: init.whole, limits: init.limits });
      const warnings = f.warnings ? { warnings: f.warnings } : {};
      // Copies of their own are moved: a vector may be a view into a buffer that stays here.
      if ('whole' in f) {
        const whole = f.whole.values.slice();
        return { value: { whole, ...warnings }, transfer: [whole.buffer] };
      }
      const vectors = f.vectors.map((v) => v.values.slice());
      return { value: { segments: f.segments, vectors, ...warnings }, transfer: vectors.map((v) => v.buffer) };
    },
    dispose: () => detector.dispose(),
  };
}
