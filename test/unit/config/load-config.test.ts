import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envOverrides, loadConfig, validateConfig } from '../../../daemon/config/load-config.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'emotiond-config-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

function failure(fn: () => unknown): EmotiondError {
  try {
    fn();
  } catch (err) {
    assert.instance(err, EmotiondError);
    return err as EmotiondError;
  }
  throw new Error('expected an error');
}

test('defaults fill every key', () => {
  const c = loadConfig(undefined, {});
  assert.is(c.mqtt.url, 'embedded');
  assert.is(c.vad.threshold_db, 12);
  assert.is(c.source.type, 'portaudio');
  assert.is(c.model.path, 'models/emotion.onnx');
});

test('a YAML file is read and merged with defaults', () => {
  const c = loadConfig(file('a.yaml', 'device_id: kiosk-7\nsource:\n  type: file\n  path: x.wav\nvad:\n  hangover_s: 0.5\n'), {});
  assert.is(c.device_id, 'kiosk-7');
  assert.is(c.source.type === 'file' && c.source.speed, 1);
  assert.is(c.vad.hangover_s, 0.5);
  assert.is(c.vad.threshold_db, 12);
});

test('environment overrides win over the file, parsed as YAML scalars', () => {
  const p = file('b.yaml', 'mqtt:\n  url: mqtt://10.0.0.1:1883\n');
  const c = loadConfig(p, { EMOTIOND_MQTT__URL: 'mqtt://127.0.0.1:1884', EMOTIOND_VAD__THRESHOLD_DB: '9' });
  assert.is(c.mqtt.url, 'mqtt://127.0.0.1:1884');
  assert.is(c.vad.threshold_db, 9);
  assert.equal(envOverrides({ HOME: '/x', EMOTIOND_LOG__LEVEL: 'debug' }), { log: { level: 'debug' } });
});

test('every bad key is reported on its own line with its path', () => {
  const e = failure(() =>
    validateConfig({ mqtt: { url: 'ftp://x', colour: 'red' }, vad: { threshold_db: 'loud' }, device_id: 'a/b' }, 'x.yaml'),
  );
  assert.is(e.code, 'CONFIG_INVALID');
  assert.match(e.message, 'invalid config x.yaml');
  assert.match(e.message, /mqtt\.url: must be "embedded" or a URL/);
  assert.match(e.message, /mqtt\.colour: unknown key/);
  assert.match(e.message, /vad\.threshold_db: .*number/);
  assert.match(e.message, /device_id: only letters/);
});

test('a file source without a path is named', () => {
  const e = failure(() => validateConfig({ source: { type: 'file' } }, 'y.yaml'));
  assert.match(e.message, /source\.path/);
});

test('broken YAML names the file and the line', () => {
  const e = failure(() => loadConfig(file('bad.yaml', 'mqtt:\n  url: [unclosed\n'), {}));
  assert.is(e.code, 'CONFIG_INVALID');
  assert.match(e.message, /bad\.yaml is not valid YAML at line \d/);
});

test('a missing file and a non-mapping top level are clear errors', () => {
  assert.match(failure(() => loadConfig(join(dir, 'nope.yaml'), {})).message, /cannot read config .*nope\.yaml/);
  assert.match(failure(() => loadConfig(file('list.yaml', '- a\n- b\n'), {})).message, /expected a mapping/);
});

test.run();
