// `emotiond config check FILE` as a user (or CI, or a package's postinst) runs it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/daemon-process.ts';
import { tempDir } from '../unit/audio/audio-test-kit.ts';

const dir = tempDir('config-check');
function check(text: string, env: NodeJS.ProcessEnv = {}, ...flags: string[]) {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'config', 'check', file, ...flags], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { ...r, file };
}

const ca = join(dir, 'ca.pem');
writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');

test('a good file: ok, the effective config with defaults and overrides, the password masked', () => {
  const r = check(`device_id: hall\nmqtt:\n  url: mqtts://broker:8883\n  password: hunter2\n  tls:\n    ca: ${ca}\n`, { EMOTIOND_VAD__ENGINE: 'energy' });
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith(`${r.file}: ok\n`));
  const c = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n') + 1));
  assert.is(c.device_id, 'hall');
  assert.is(c.vad.engine, 'energy', 'environment overrides are applied');
  assert.is(c.events.min_confidence, 0.3, 'defaults are filled in');
  assert.is(c.mqtt.password, '***');
  assert.not.match(r.stdout, /hunter2/);
  const q = check('device_id: hall\n', {}, '--quiet');
  assert.is(q.stdout, `${q.file}: ok\n`);
});

test('a bad file: one line per bad key with its path, exit 1, no stack', () => {
  const r = check('vad:\n  engine: webrtc\n  hop_s: 9\nmqtt:\n  tls:\n    ca: /x\nhttp:\n  host: 0.0.0.0\ncolour: red\n');
  assert.is(r.status, 1);
  assert.match(r.stderr, /\[CONFIG_INVALID\]/);
  for (const p of [/vad\.engine: /, /mqtt\.tls: needs an mqtts/, /http\.token: required when host is not loopback \(0\.0\.0\.0\)/, /colour: unknown key/]) assert.match(r.stderr, p);
  assert.not.match(r.stderr, /\n\s+at /);
  const missing = spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'config', 'check', '/nonexistent.yaml'], { encoding: 'utf8' });
  assert.is(missing.status, 1);
  assert.match(missing.stderr, /cannot read config \/nonexistent\.yaml/);
});

test('a password inside the URL or in the environment is masked; environment values of text keys stay text', () => {
  const r = check('mqtt:\n  url: mqtt://user:s3cret-in-url@broker:1883\n', { EMOTIOND_MQTT__PASSWORD: '*pw[x', EMOTIOND_TSX: '1' });
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stdout, /s3cret-in-url/);
  assert.not.match(r.stdout, /\*pw\[x/);
  const c = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n') + 1));
  assert.is(c.mqtt.url, 'mqtt://user:***@broker:1883');
  assert.is(c.mqtt.password, '***');
  for (const pw of ['123456', 'true', '[x']) {
    const p = check('device_id: hall\n', { EMOTIOND_MQTT__PASSWORD: pw });
    assert.is(p.status, 0, `EMOTIOND_MQTT__PASSWORD=${pw}: ${p.stderr}`);
  }
});

test('a YAML syntax error names the line, never quotes it (a password may be on it)', () => {
  const r = check('mqtt:\n  url: mqtt://broker:1883\n  password: hunter2: x\n');
  assert.is(r.status, 1);
  assert.match(r.stderr, /not valid YAML at line 3/);
  assert.not.match(r.stderr, /hunter2/);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('a TLS file that cannot be read is refused, naming the key and the path', () => {
  const r = check(`mqtt:\n  url: mqtts://broker:8883\n  tls:\n    ca: ${join(dir, 'no-such-ca.pem')}\n`);
  assert.is(r.status, 1);
  assert.match(r.stderr, /mqtt\.tls\.ca: cannot read .*no-such-ca\.pem/);
});

test.run();
