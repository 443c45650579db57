// Spreads files over worker threads and this thread, and hands the results back in the
// files' order, so the output is the same whatever the number of workers and whichever
// finishes first. Each worker builds its own stages once (task.ts); only file names go out
// and results come back. This thread runs the same task beside jobs - 1 workers: every
// thread pays a start-up (onnxruntime and the feature WASM compiled, the VAD model loaded,
// about 1.5 s of CPU), and a main thread that only waited for results paid it once more
// for nothing. Each worker holds two files, so that it has the next one at hand while
// this thread is busy with its own file and cannot answer at once.
// The task's TypeScript is bundled once, here, and every worker imports that bundle: each
// worker compiling the sources again under tsx cost about 2 s of CPU before its first file.
import { Worker } from 'node:worker_threads';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { CreateTask, FileTask, FromWorker, ToWorker } from './task.ts';
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
  /** false: this thread only collects results, beside `jobs` workers (default true). */
  inThread?: boolean;
  /** This thread's task, where the caller has built its stages already (default: the task module's createTask). */
  hereTask?: () => Promise<FileTask<R>>;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; message: string };

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
/** Files handed to a worker at a time: the one it runs and the next. */
const AHEAD = 2;

/**
 * Runs every file through the task on min(jobs, files) workers. Rejects (after stopping
 * every worker) when a worker cannot build its task, or when onResult/onError throws.
 */
export async function runFilePool<R>(files: readonly string[], opts: FilePoolOptions<R>): Promise<void> {
  if (files.length === 0) return;
  const threads = Math.max(1, Math.min(opts.jobs, files.length));
  const inThread = opts.inThread !== false;
  const workers = inThread ? threads - 1 : threads;
  const bundle = workers === 0 || opts.bundle === false ? null : await bundleTask(opts.task);
  const outcomes = new Map<number, Outcome<R>>();
  let nextToSend = 0, nextToDeliver = 0;
  // Files a dead worker held but had not started: handed out again before the next new one.
  const requeue: number[] = [];
  const take = (): number | undefined => (requeue.length ? requeue.shift() : nextToSend < files.length ? nextToSend++ : undefined);
  const waiting = (): boolean => requeue.length > 0 || nextToSend < files.length;
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

  // This thread's share: the task built here as in a worker, files taken from the same
  // queue. A file's error is its own, as in a worker; a task that cannot be built fails the
  // run with its own error.
  const runHere = async (): Promise<void> => {
    const task = opts.hereTask
      ? await opts.hereTask()
      : await ((await import(opts.task.href)) as { createTask: CreateTask<unknown, R> }).createTask(opts.init, { workerIndex: 0 });
    try {
      for (let i; !stopping && (i = take()) !== undefined; ) {
        try {
          outcomes.set(i, { ok: true, value: (await task.run(files[i])).value });
        } catch (err) {
          outcomes.set(i, { ok: false, message: errorMessage(err) });
        }
        deliver();
        // Lets the workers' answers in between this thread's files.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      await task.dispose();
    }
  };

  const start = (workerIndex: number): void => {
    const data: WorkerData = { task: opts.task.href, bundle, init: opts.init, workerIndex };
    const w = new Worker(ENTRY, { workerData: data });
    live.add(w);
    // The files sent and not yet answered, in the order sent: the worker runs them in turn.
    const held: number[] = [];
    let ready = false, ended = false;
    const topUp = (): void => {
      for (let i; held.length < AHEAD && (i = take()) !== undefined; ) {
        held.push(i);
        w.postMessage({ type: 'file', index: i, file: files[i] } satisfies ToWorker);
      }
      if (held.length === 0 && !ended) {
        ended = true;
        w.postMessage({ type: 'end' } satisfies ToWorker);
      }
    };
    w.on('message', (m: FromWorker<R>) => {
      if (m.type === 'ready') {
        ready = true;
        return topUp();
      }
      // The task could not be built (no model, a bad config): the same error as without workers.
      if (m.type === 'fatal') return fail(m.code ? new EmotiondError(m.code, m.message) : new Error(m.message));
      held.splice(held.indexOf(m.index), 1);
      outcomes.set(m.index, m.type === 'done' ? { ok: true, value: m.value } : { ok: false, message: m.message });
      topUp();
      deliver();
    });
    // A worker that dies (an uncaught error, process.exit in a kernel, out of memory) fails
    // the file it was running; the one it held next goes back to the queue, and a fresh
    // worker takes over the rest. One that dies before it is ready would die again: the run
    // fails.
    let gone = false;
    const died = (reason: string, err?: Error): void => {
      if (gone || stopping) return;
      gone = true;
      live.delete(w);
      if (!ready) return fail(err ?? new Error(`worker ${workerIndex} ${reason} before it was ready`));
      const [running, ...next] = held.splice(0);
      if (running !== undefined) {
        outcomes.set(running, { ok: false, message: `${files[running]}: worker stopped: ${reason}` });
        requeue.push(...next);
        requeue.sort((a, b) => a - b);
        deliver();
      }
      if (waiting()) start(workerIndex);
    };
    w.on('error', (err) => died(err.message, err));
    w.on('exit', (code) => died(`exit code ${code}`));
  };

  // Workers first: their start-up overlaps this thread's.
  for (let k = 0; k < workers; k++) start(inThread ? k + 1 : k);
  const here = inThread ? runHere().catch(fail) : null;
  try {
    await done;
  } finally {
    stopping = true;
    await here;
    await Promise.all([...live].map((w) => w.terminate()));
  }
}
