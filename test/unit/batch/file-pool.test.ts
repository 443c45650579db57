// The worker pool of the batch commands: results in the files' order whatever finishes
// first, this thread taking files beside jobs - 1 workers, one file at a time per thread,
// a failing file reported with the others still answered, a worker that dies replaced
// (the file it held next run by another), a task that cannot start failing the run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFilePool } from '../../../daemon/batch/file-pool.ts';
import { parseJobs } from '../../../daemon/batch/jobs.ts';
import { createTask } from './pool-task.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';

const task = new URL('./pool-task.ts', import.meta.url);

async function run(files: string[], jobs: number, init: object = { prefix: 'v' }, bundle = true, inThread = true) {
  const out: string[] = [];
  const progress: number[] = [];
  const threads = new Set<string>();
  await runFilePool<string>(files, {
    jobs, task, init, bundle, inThread,
    // Which thread answered varies from run to run: kept apart from the results.
    onResult: (i, file, value) => {
      const [v, where, index] = value.split(' ');
      threads.add(`${where} ${index}`);
      out.push(`${i} ok ${v}`);
    },
    onError: (i, file, message) => void out.push(`${i} failed ${file}: ${message}`),
    onProgress: (done) => void progress.push(done),
  });
  return { out, progress, threads };
}

test('results come back in file order though later files finish first', async () => {
  const files = ['wait:300:a', 'wait:1:b', 'wait:1:c', 'wait:200:d', 'wait:1:e'];
  const { out, progress } = await run(files, 3);
  assert.equal(out, ['0 ok va', '1 ok vb', '2 ok vc', '3 ok vd', '4 ok ve']);
  assert.equal(progress, [1, 2, 3, 4, 5]);
});

test('this thread takes files beside jobs - 1 workers; without it, jobs workers', async () => {
  const files = Array.from({ length: 12 }, (_, i) => `gate:${i}`);
  const gate = (threads: number) => ({ prefix: 'v', gate: { counter: new SharedArrayBuffer(4), threads } });
  const mixed = await run(files, 3, gate(3));
  assert.equal(mixed.out, files.map((_, i) => `${i} ok v${i}`));
  assert.equal([...mixed.threads].sort(), ['here 0', 'worker 1', 'worker 2']);
  const workersOnly = await run(files, 2, gate(2), true, false);
  assert.equal(workersOnly.out, mixed.out);
  assert.equal([...workersOnly.threads].sort(), ['worker 0', 'worker 1']);
  // One file: no worker is started at all.
  assert.equal([...(await run(['wait:1:a'], 4)).threads], ['here 0']);
});

test('without a bundle the workers run the TypeScript sources under tsx, with the same results', async () => {
  const files = ['wait:50:a', 'wait:1:b', 'throw:c.wav: bad'];
  assert.equal((await run(files, 2, { prefix: 'v' }, false)).out, (await run(files, 2)).out);
});

test('a task handed in for this thread is used there instead of the module\'s', async () => {
  const out: string[] = [];
  let disposed = false;
  const gate = { counter: new SharedArrayBuffer(4), threads: 2 };
  await runFilePool<string>(['gate:a', 'gate:b', 'gate:c', 'gate:d'], {
    jobs: 2, task, init: { prefix: 'v', gate },
    hereTask: async () => {
      // Reaches the gate as the module's task would, so that the worker is seen to take files too.
      const own = await createTask({ prefix: 'own-', gate }, { workerIndex: 0 });
      return { run: own.run, dispose: async () => void (disposed = true) };
    },
    onResult: (i, _, value) => void out.push(value.split(' ').slice(0, 2).join(' ')),
    onError: (i, file, message) => void out.push(`${i} failed ${message}`),
  });
  assert.ok(out.some((v) => v.startsWith('own-') && v.endsWith('here')), out.join());
  assert.ok(out.some((v) => v.startsWith('v') && v.endsWith('worker')), out.join());
  assert.ok(disposed);
});

test('a file that fails is reported in its place; the others still come out', async () => {
  const files = ['wait:1:a', 'throw:broken.wav: unrecognised format', 'wait:1:c'];
  for (const inThread of [true, false]) {
    const { out } = await run(files, 2, { prefix: 'v' }, true, inThread);
    assert.equal(out, ['0 ok va', '1 failed throw:broken.wav: unrecognised format: broken.wav: unrecognised format', '2 ok vc'], `inThread ${inThread}`);
  }
});

test('a worker that dies fails only its file; the file it held next and the rest go to a new worker', async () => {
  // Workers only: in this thread "exit" would end the test run.
  const { out } = await run(['wait:1:a', 'exit', 'wait:1:c', 'wait:1:d'], 2, { prefix: 'v' }, true, false);
  assert.is(out.length, 4);
  assert.match(out[1], /^1 failed exit: exit: worker stopped: exit code 3$/);
  assert.equal([out[0], out[2], out[3]], ['0 ok va', '2 ok vc', '3 ok vd']);
  // One worker holding "exit" and the file after it: that file is not lost.
  const alone = await run(['exit', 'wait:1:b', 'wait:1:c'], 1, { prefix: 'v' }, true, false);
  assert.equal(alone.out.slice(1), ['1 ok vb', '2 ok vc']);
  assert.match(alone.out[0], /^0 failed exit: exit: worker stopped: exit code 3$/);
});

test('a task that cannot start fails the run with its reason', async () => {
  try {
    await run(['wait:1:a', 'wait:1:b'], 2, { prefix: 'v', failToStart: true });
    assert.unreachable('should have failed');
  } catch (err) {
    assert.match(String(err), /no model here/);
  }
});

test('--jobs takes a whole number >= 1; anything else is a usage error naming the value', () => {
  assert.is(parseJobs('2'), 2);
  assert.is(parseJobs('16'), 16);
  for (const bad of ['0', '-1', '1.5', 'two', '', '2x']) {
    try {
      parseJobs(bad);
      assert.unreachable(bad);
    } catch (err) {
      assert.ok(err instanceof EmotiondError && err.code === 'USAGE', bad);
      assert.match(err.message, `--jobs ${JSON.stringify(bad)}`);
    }
  }
});

test.run();
