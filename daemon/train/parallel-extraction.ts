// The extraction step of train and eval on worker threads (daemon/batch/): the corpus
// files still missing from the feature cache, spread over `jobs` workers, each row handed
// back in the corpus's order, so the cache and the rows are what one thread would write.
import { runFilePool } from '../batch/file-pool.ts';
import type { Corpus } from './corpus.ts';
import type { FeatureTaskInit } from './feature-task.ts';

export async function extractInWorkers(
  corpus: Corpus, todo: readonly number[], init: FeatureTaskInit, jobs: number,
  onRow: (entry: number, values: Float32Array) => Promise<void>,
  onError: (entry: number, message: string) => void,
): Promise<void> {
  const paths = todo.map((i) => corpus.entries[i].path);
  await runFilePool<Float32Array>(paths, {
    jobs, task: new URL('./feature-task.ts', import.meta.url), init,
    onResult: (t, _, values) => onRow(todo[t], values),
    onError: (t, path, message) => onError(todo[t], message.includes(path) ? message : `${path}: ${message}`),
  });
}
