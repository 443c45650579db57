// What a batch worker runs: a module exporting createTask(init), which builds its stages
// once (extractor, model...) and then handles one file at a time. Results cross to the
// main thread by structured clone (typed arrays listed in `transfer` are moved, not copied).
import type { ErrorCode } from '../core/errors.ts';

export interface FileTask<R> {
  run(file: string): Promise<{ value: R; transfer?: ArrayBuffer[] }>;
  dispose(): Promise<void>;
}

export interface TaskContext {
  /** 0 for the first worker: the one that reports start-up warnings, so they show once. */
  workerIndex: number;
}

export type CreateTask<I, R> = (init: I, ctx: TaskContext) => Promise<FileTask<R>>;

/** Messages from the main thread to a worker. */
export type ToWorker = { type: 'file'; index: number; file: string } | { type: 'end' };

/** Messages from a worker to the main thread. */
export type FromWorker<R> =
  | { type: 'ready' }
  | { type: 'fatal'; message: string; code?: ErrorCode }
  | { type: 'done'; index: number; value: R }
  | { type: 'failed'; index: number; message: string };
