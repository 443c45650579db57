// One daemon per state_dir: a second is refused naming the first; a lock left by a process
// that is gone (crash, SIGKILL) is taken over.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOCK_FILE, lockStateDir } from '../../../daemon/app/state-lock.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { tempDir } from '../audio/audio-test-kit.ts';

test('taken, refused to another live node process with its pid named, released', async () => {
  const dir = tempDir('lock-live');
  // Another node process holds the lock (as a second daemon would see the first).
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const theirs = lockStateDir(dir, other.pid!);
    assert.is(readFileSync(theirs.path, 'utf8').trim(), String(other.pid));
    let err: unknown;
    try {
      lockStateDir(dir);
    } catch (e) {
      err = e;
    }
    assert.instance(err, EmotiondError);
    assert.is((err as EmotiondError).code, 'STATE');
    assert.match((err as Error).message, new RegExp(`in use by another emotiond \\(pid ${other.pid}`));
  } finally {
    other.kill('SIGKILL');
  }
  await new Promise((r) => other.once('exit', r));
  // Now its owner is gone: stale, taken over.
  const mine = lockStateDir(dir);
  assert.is(readFileSync(mine.path, 'utf8').trim(), String(process.pid));
  mine.release();
  assert.not.ok(existsSync(join(dir, LOCK_FILE)));
});

test('a stale lock (pid not running, or garbage) is recovered', () => {
  const dir = tempDir('lock-stale');
  writeFileSync(join(dir, LOCK_FILE), '999999999\n');
  lockStateDir(dir).release();
  writeFileSync(join(dir, LOCK_FILE), 'not a pid');
  const l = lockStateDir(dir);
  assert.is(readFileSync(l.path, 'utf8').trim(), String(process.pid));
  l.release();
});

test('release leaves a lock that another process took meanwhile', () => {
  const dir = tempDir('lock-theirs');
  const l = lockStateDir(dir);
  writeFileSync(l.path, '1\n');
  l.release();
  assert.ok(existsSync(l.path));
});

test.run();
