// The first module of every batch worker thread: plain JavaScript, so it loads whatever
// runs the parent. The task itself is TypeScript, run the way the command line runs it:
// under tsx's loader. A worker inherits the parent's execArgv, so under `tsx` or
// `node --import tsx` the loader is there already; the `emotiond` command registers it
// in-process (bin/emotiond.js), which a worker does not inherit, so it registers it here.
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

const { serveFiles } = await importTypeScript(new URL('./serve-files.ts', import.meta.url).href);
await serveFiles(parentPort, workerData);
