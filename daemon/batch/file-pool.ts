// Spreads files over worker threads, one file per worker at a time (the next goes to
// whichever worker finishes first), and hands the results back in the files' order, so the
// output is the same whatever the number of workers and whichever finishes first. Each
// worker builds its own stages once (task.ts); only file names go out and results come back.
// The task's TypeScript is bundled once, here, and every worker imports that bundle: each
// worker compiling the sources again under tsx cost about 2 s of CPU before its first file.
import { Worker } from 'node:worker_threads';
import { EmotiondError } from '../core/errors.ts';
import type { FromWorker, ToWorker } from './task.ts';
import { bundleTask } from './bundle-task.ts';

/** What each worker is given (worker-entry.mjs). */
interface WorkerData {
  /** File URL of the task module: imported under tsx where there is no bundle. */
  task: string;
  /** The task bundled to JavaScript (a data: URL), when it could be. */
  bundle: string | null;
  init: unknown;
  workerIndex: number;
}

export interface FilePoolOptions<R> {
  jobs: number;
  /** The task module (exports createTask, task.ts), as a file URL. */
  task: URL;
  /** Handed to createTask in every worker (structured-cloneable). */
  init: unknown;
  /** Called in file order with each file's result. */
  onResult(index: number, file: string, value: R): void | Promise<void>;
  /** Called in file order for a file that failed; the others go on. */
  onError(index: number, file: string, message: string): void | Promise<void>;
  /** false: workers run the task's sources under tsx instead of a bundle (checks). */
  bundle?: boolean;
  /** Called after every file, in file order, with how many are done. */
  onProgress?(done: number, total: number): void;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; message: string };

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * Runs every file through the task on min(jobs, files) workers. Rejects (after stopping
 * every worker) when a worker cannot build its task, or when onResult/onError throws.
 */
export async function runFilePool<R>(files: readonly string[], opts: FilePoolOptions<R>): Promise<void> {
  if (files.length === 0) return;
  const workers = Math.max(1, Math.min(opts.jobs, files.length));
  const bundle = opts.bundle === false ? null : await bundleTask(opts.task);
  const outcomes = new Map<number, Outcome<R>>();
  let nextToSend = 0, nextToDeliver = 0;
  const live = new Set<Worker>();
  let stopping = false;
  let fail: (err: unknown) => void = () => undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  let delivering = Promise.resolve();

  // Results arrive in any order; they are delivered strictly in file order.
  const deliver = (): void => {
    delivering = delivering.then(async () => {
      while (outcomes.has(nextToDeliver)) {
        const i = nextToDeliver++, o = outcomes.get(i)!;
        outcomes.delete(i);
        if (o.ok) await opts.onResult(i, files[i], o.value);
        else await opts.onError(i, files[i], o.message);
        opts.onProgress?.(nextToDeliver, files.length);
      }
      if (nextToDeliver === files.length) finish();
    }).catch(fail);
  };

  const start = (workerIndex: number): void => {
    const data: WorkerData = { task: opts.task.href, bundle, init: opts.init, workerIndex };
    const w = new Worker(ENTRY, { workerData: data });
    live.add(w);
    let current = -1, ready = false;
    const sendNext = (): void => {
      if (nextToSend < files.length) {
        current = nextToSend++;
        w.postMessage({ type: 'file', index: current, file: files[current] } satisfies ToWorker);
      } else {
        current = -1;
        w.postMessage({ type: 'end' } satisfies ToWorker);
      }
    };
    w.on('message', (m: FromWorker<R>) => {
      if (m.type === 'ready') {
        ready = true;
        return sendNext();
      }
      // The task could not be built (no model, a bad config): the same error as without workers.
      if (m.type === 'fatal') return fail(m.code ? new EmotiondError(m.code, m.message) : new Error(m.message));
      outcomes.set(m.index, m.type === 'done' ? { ok: true, value: m.value } : { ok: false, message: m.message });
      sendNext();
      deliver();
    });
    // A worker that dies (an uncaught error, process.exit in a kernel, out of memory) fails
    // the file it had; a fresh worker takes over the rest. One that dies before it is ready
    // would die again: the run fails.
    let gone = false;
    const died = (reason: string, err?: Error): void => {
      if (gone || stopping) return;
      gone = true;
      live.delete(w);
      if (!ready) return fail(err ?? new Error(`worker ${workerIndex} ${reason} before it was ready`));
      if (current >= 0) {
        outcomes.set(current, { ok: false, message: `${files[current]}: worker stopped: ${reason}` });
        current = -1;
        deliver();
      }
      if (nextToSend < files.length) start(workerIndex);
    };
    w.on('error', (err) => died(err.message, err));
    w.on('exit', (code) => died(`exit code ${code}`));
  };

  for (let k = 0; k < workers; k++) start(k);
  try {
    await done;
  } finally {
    stopping = true;
    await Promise.all([...live].map((w) => w.terminate()));
  }
}
