// `emotiond run` on bad setups: a clear one-line error and a non-zero exit, never a hang.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emotiond-run-'));

function run(configText: string) {
  const cfg = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(cfg, configText);
  // The timeout only guards against a hang; a hang fails the test with status null.
  return spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'run', '--config', cfg], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60000,
  });
}

test('an invalid config lists every bad key and exits 1 before starting anything', () => {
  const r = run('mqtt:\n  url: nope\nvad:\n  hangover_s: -1\nbogus: 1\n');
  assert.is(r.status, 1);
  assert.match(r.stderr, /mqtt\.url: must be "embedded" or a URL/);
  assert.match(r.stderr, /vad\.hangover_s: /);
  assert.match(r.stderr, /bogus: unknown key/);
  assert.not.match(r.stderr, /"msg":"model loaded"/);
});

test('a file source whose path does not exist: named, exit 1, no hang', () => {
  const r = run('source:\n  type: file\n  path: /nonexistent/audio\nmqtt:\n  embedded_port: 0\n');
  assert.is(r.status, 1, `status ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, /\/nonexistent\/audio: cannot open/);
});

test('a missing model is named, exit 1', () => {
  const r = run('model:\n  path: /nonexistent/m.onnx\nsource:\n  type: file\n  path: /tmp\n');
  assert.is(r.status, 1);
  assert.match(r.stderr, /m\.onnx/);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
});

test.run();
