// The first module of every batch worker thread (file-pool.ts), in plain JavaScript so that
// it loads whatever runs the parent. It imports the task, builds it once (createTask, see
// task.ts) and then answers each file message with its result or its error until told to
// end. The task is TypeScript, run as the command line runs it: bundled in memory by
// esbuild (workerData.bundle, a data: URL made once by the main thread, as bin/emotiond.js
// does for the daemon), or, where that bundle could not be made, the sources under tsx's
// loader: inherited from the parent's execArgv under `tsx` or `node --import tsx`, and
// registered here otherwise (bin/emotiond.js registers it in-process, which a worker does
// not inherit).
import { parentPort, workerData } from 'node:worker_threads';

async function importTypeScript(url) {
  try {
    return await import(url);
  } catch (err) {
    if (err?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    const { register } = await import('tsx/esm/api');
    register();
    // Node remembers the failed import of this URL: a query makes it a new one.
    return import(`${url}?tsx`);
  }
}

const post = (message, transfer = []) => parentPort.postMessage(message, transfer);
const errorText = (err) => (err instanceof Error ? err.message : String(err));

let task;
try {
  const mod = workerData.bundle ? await import(workerData.bundle) : await importTypeScript(workerData.task);
  task = await mod.createTask(workerData.init, { workerIndex: workerData.workerIndex });
} catch (err) {
  // The task could not be built (no model, a bad config): said once, with its error code.
  post({ type: 'fatal', message: errorText(err), ...(typeof err?.code === 'string' && err.name === 'EmotiondError' ? { code: err.code } : {}) });
}
if (task) {
  const handle = async (m) => {
    if (m.type === 'end') {
      await task.dispose();
      // Lets the thread end; Deno's port has no close(): the pool ends its workers anyway.
      parentPort.close?.();
      return;
    }
    try {
      const { value, transfer } = await task.run(m.file);
      post({ type: 'done', index: m.index, value }, transfer);
    } catch (err) {
      post({ type: 'failed', index: m.index, message: errorText(err) });
    }
  };
  // One file at a time, in the order sent: the pool sends the next file before this one is
  // done, and a task's stages (the speech detector) hold one file's state.
  let queue = Promise.resolve();
  parentPort.on('message', (m) => void (queue = queue.then(() => handle(m))));
  post({ type: 'ready' });
}
