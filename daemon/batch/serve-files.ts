// The worker side of the pool (file-pool.ts): builds the task once, then answers each file
// message with its result or its error, until told to end.
import type { MessagePort } from 'node:worker_threads';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { CreateTask, FromWorker, ToWorker } from './task.ts';

export interface WorkerData {
  /** File URL of the task module (exports createTask). */
  task: string;
  init: unknown;
  workerIndex: number;
}

export async function serveFiles(port: MessagePort, data: WorkerData): Promise<void> {
  const post = (m: FromWorker<unknown>, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  let task;
  try {
    const mod = (await import(data.task)) as { createTask: CreateTask<unknown, unknown> };
    task = await mod.createTask(data.init, { workerIndex: data.workerIndex });
  } catch (err) {
    post({ type: 'fatal', message: errorMessage(err), ...(err instanceof EmotiondError ? { code: err.code } : {}) });
    return;
  }
  const t = task;
  port.on('message', async (m: ToWorker) => {
    if (m.type === 'end') {
      await t.dispose();
      port.close();
      return;
    }
    try {
      const { value, transfer } = await t.run(m.file);
      post({ type: 'done', index: m.index, value }, transfer);
    } catch (err) {
      post({ type: 'failed', index: m.index, message: errorMessage(err) });
    }
  });
  post({ type: 'ready' });
}
