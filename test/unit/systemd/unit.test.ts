// The shipped unit file, checked by systemd's own tools: `systemd-analyze verify` finds no
// problem, and `systemd-analyze security --offline=true` rates its exposure 2.0 or better.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, skipVisibly, tempDir } from '../audio/audio-test-kit.ts';

const UNIT = join(repoRoot, 'systemd/emotiond.service');
const text = readFileSync(UNIT, 'utf8');
const hasAnalyze = spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status === 0;

/** The unit with ExecStart pointing at this machine's node, which verify insists exists. */
function localCopy(): string {
  const p = join(tempDir('unit'), 'emotiond.service');
  writeFileSync(p, text.replace(/^ExecStart=\/usr\/bin\/node /m, `ExecStart=${process.execPath} `));
  return p;
}

test('the unit is Type=notify with a watchdog, reloads on SIGHUP and keeps state only in its state dir', () => {
  for (const line of ['Type=notify', 'NotifyAccess=all', 'WatchdogSec=30s', 'ExecReload=/bin/kill -HUP $MAINPID', 'StateDirectory=emotiond', 'DynamicUser=yes', 'ProtectSystem=strict', 'DeviceAllow=char-alsa rw']) {
    assert.ok(text.split('\n').includes(line), `unit lacks ${line}`);
  }
});

if (!hasAnalyze) {
  skipVisibly('systemd-analyze verify and security (2 tests)', 'systemd-analyze is not installed (apt-get install systemd)');
} else {
  test('systemd-analyze verify: no complaints', () => {
    const r = spawnSync('systemd-analyze', ['verify', localCopy()], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stderr.trim(), '', r.stderr);
  });

  test('systemd-analyze security --offline=true: exposure 2.0 or better', () => {
    const r = spawnSync('systemd-analyze', ['security', '--offline=true', '--no-pager', localCopy()], { encoding: 'utf8' });
    const m = /Overall exposure level for \S+: (\d+(?:\.\d+)?)/.exec(r.stdout + r.stderr);
    assert.ok(m, `no exposure level in:\n${r.stdout}${r.stderr}`);
    const score = Number(m![1]);
    console.log(`  systemd-analyze security: exposure ${score}`);
    assert.ok(score <= 2.0, `exposure ${score}:\n${r.stdout}`);
  });
}

test.run();
