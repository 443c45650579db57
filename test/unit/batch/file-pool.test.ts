// The worker pool of the batch commands: results in the files' order whatever finishes
// first, a failing file reported with the others still answered, a worker that dies
// replaced, a task that cannot start failing the run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runFilePool } from '../../../daemon/batch/file-pool.ts';
import { parseJobs } from '../../../daemon/batch/jobs.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';

const task = new URL('./pool-task.ts', import.meta.url);

async function run(files: string[], jobs: number, init: object = { prefix: 'v' }, bundle = true) {
  const out: string[] = [];
  const progress: number[] = [];
  await runFilePool<string>(files, {
    jobs, task, init, bundle,
    onResult: (i, file, value) => void out.push(`${i} ok ${value}`),
    onError: (i, file, message) => void out.push(`${i} failed ${file}: ${message}`),
    onProgress: (done) => void progress.push(done),
  });
  return { out, progress };
}

test('results come back in file order though later files finish first', async () => {
  const files = ['wait:300:a', 'wait:1:b', 'wait:1:c', 'wait:200:d', 'wait:1:e'];
  const { out, progress } = await run(files, 3);
  assert.equal(out, ['0 ok va by a worker', '1 ok vb by a worker', '2 ok vc by a worker', '3 ok vd by a worker', '4 ok ve by a worker']);
  assert.equal(progress, [1, 2, 3, 4, 5]);
});

test('without a bundle the workers run the TypeScript sources under tsx, with the same results', async () => {
  const files = ['wait:50:a', 'wait:1:b', 'throw:c.wav: bad'];
  assert.equal((await run(files, 2, { prefix: 'v' }, false)).out, (await run(files, 2)).out);
});

test('a file that fails is reported in its place; the others still come out', async () => {
  const { out } = await run(['wait:1:a', 'throw:broken.wav: unrecognised format', 'wait:1:c'], 2);
  assert.equal(out, ['0 ok va by a worker', '1 failed throw:broken.wav: unrecognised format: broken.wav: unrecognised format', '2 ok vc by a worker']);
});

test('a worker that dies fails only its file; a new worker takes the rest', async () => {
  const { out } = await run(['wait:1:a', 'exit', 'wait:1:c', 'wait:1:d'], 2);
  assert.is(out.length, 4);
  assert.match(out[1], /^1 failed exit: exit: worker stopped: exit code 3$/);
  assert.equal([out[0], out[2], out[3]], ['0 ok va by a worker', '2 ok vc by a worker', '3 ok vd by a worker']);
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
