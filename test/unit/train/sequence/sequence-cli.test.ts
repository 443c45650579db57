// The CLI routes --model cnn to the frame family and refuses flags that only shape
// functional models, before any data is read.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/emotiond.js', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

test('eval --help lists cnn among the model families', () => {
  const r = cli('eval', '--help');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /ensemble, cnn/);
});

test('functional-only flags and unknown cnn parameters are usage errors', () => {
  const sel = cli('eval', '--corpus', 'x=does-not-exist', '--model', 'cnn', '--select', '10');
  assert.is.not(sel.status, 0);
  assert.match(sel.stderr, /--model cnn does not take --select/);
  const param = cli('eval', '--corpus', 'x=does-not-exist', '--model', 'cnn', '--param', 'cnn.depth=3');
  assert.is.not(param.status, 0);
  assert.match(param.stderr, /unknown key 'depth'/);
});

test.run();
