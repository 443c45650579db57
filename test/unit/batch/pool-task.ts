// A task for file-pool.test.ts, run in the pool's worker threads and in the test's own
// thread. The "file" names say what to do: "wait:MS:VALUE" answers VALUE after MS ms,
// "throw:TEXT" fails with TEXT, "exit" ends the worker thread in the middle of its file
// (refused in the main thread: it would end the test run), "gate:VALUE" answers VALUE
// once `gate.threads` threads have each taken a gate file (so that every thread is seen to
// take files, however slowly workers start). Each answer says which thread gave it.
import { isMainThread } from 'node:worker_threads';
import type { FileTask, TaskContext } from '../../../daemon/batch/task.ts';

interface Init {
  prefix: string;
  failToStart?: boolean;
  /** Shared across the threads: [threads that reached the gate]. */
  gate?: { counter: SharedArrayBuffer; threads: number };
}

export async function createTask(init: Init, ctx: TaskContext): Promise<FileTask<string>> {
  if (init.failToStart) throw new Error('no model here');
  let busy = false, atGate = false;
  const gate = async (file: string): Promise<void> => {
    const n = new Int32Array(init.gate!.counter);
    if (!atGate) Atomics.add(n, 0, 1);
    atGate = true;
    for (const t0 = Date.now(); Atomics.load(n, 0) < init.gate!.threads; await new Promise((r) => setTimeout(r, 5))) {
      if (Date.now() - t0 > 30_000) throw new Error(`${file}: only ${Atomics.load(n, 0)} threads took a file in 30 s`);
    }
  };
  return {
    run: async (file) => {
      // The pool hands a thread one file at a time, though workers hold the next one.
      if (busy) throw new Error(`${file}: started while another file was running`);
      busy = true;
      try {
        const [kind, a, b] = file.split(':');
        if (kind === 'throw') throw new Error(file.slice('throw:'.length));
        if (kind === 'exit') {
          if (isMainThread) throw new Error('exit: not in the main thread');
          process.exit(3);
        }
        if (kind === 'gate') await gate(file);
        else await new Promise((r) => setTimeout(r, Number(a)));
        return { value: `${init.prefix}${kind === 'gate' ? a : b} ${isMainThread ? 'here' : 'worker'} ${ctx.workerIndex}` };
      } finally {
        busy = false;
      }
    },
    dispose: async () => undefined,
  };
}
