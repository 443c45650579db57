// A task for file-pool.test.ts, run in the pool's worker threads. The "file" names say
// what to do: "wait:MS:VALUE" answers VALUE after MS ms, "throw:TEXT" fails with TEXT,
// "exit" ends the worker thread in the middle of its file.
import type { FileTask, TaskContext } from '../../../daemon/batch/task.ts';

export async function createTask(init: { prefix: string; failToStart?: boolean }, ctx: TaskContext): Promise<FileTask<string>> {
  if (init.failToStart) throw new Error('no model here');
  return {
    run: async (file) => {
      const [kind, a, b] = file.split(':');
      if (kind === 'throw') throw new Error(file.slice('throw:'.length));
      if (kind === 'exit') process.exit(3);
      await new Promise((r) => setTimeout(r, Number(a)));
      return { value: `${init.prefix}${b} by ${ctx.workerIndex >= 0 ? 'a worker' : '?'}` };
    },
    dispose: async () => undefined,
  };
}
