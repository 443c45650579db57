import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envOverrides, loadConfig, validateConfig } from '../../../daemon/config/load-config.ts';
import { defaultDeviceId, defaultStateDir, statusPageOn } from '../../../daemon/config/schema.ts';
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

test('defaults of the newer sections: Silero VAD, smoothing, outbox, discovery, loopback status port', () => {
  const c = loadConfig(undefined, {});
  assert.equal([c.vad.engine, c.vad.threshold, c.vad.neg_threshold, c.vad.window_s, c.vad.hop_s], ['silero', 0.5, 0.35, 4, 2]);
  assert.equal([c.events.min_confidence, c.events.smoothing_window, c.events.switch_margin], [0.3, 3, 0.1]);
  assert.equal([c.mqtt.outbox.max_events, c.mqtt.outbox.fsync, c.mqtt.discovery.enabled, c.mqtt.discovery.prefix], [10000, true, true, 'homeassistant']);
  assert.equal(c.http, { enabled: true, host: '127.0.0.1', port: 9464 });
  assert.is(c.mqtt.tls, undefined);
});

test('state_dir: systemd StateDirectory first, then XDG, then ~/.local/state', () => {
  assert.is(defaultStateDir({ STATE_DIRECTORY: '/var/lib/emotiond:/var/lib/other', HOME: '/h' }), '/var/lib/emotiond');
  assert.is(defaultStateDir({ XDG_STATE_HOME: '/x', HOME: '/h' }), '/x/emotiond');
  assert.is(defaultStateDir({ HOME: '/h' }), '/h/.local/state/emotiond');
  assert.is(loadConfig(undefined, { EMOTIOND_STATE_DIR: '/srv/e' }).state_dir, '/srv/e');
});

test('nested overrides from the environment reach deep keys', () => {
  const c = loadConfig(undefined, { EMOTIOND_MQTT__OUTBOX__MAX_EVENTS: '50', EMOTIOND_VAD__ENGINE: 'energy', EMOTIOND_MQTT__TLS__CA: '/etc/ca.pem', EMOTIOND_MQTT__URL: 'mqtts://b:8883' });
  assert.is(c.mqtt.outbox.max_events, 50);
  assert.is(c.vad.engine, 'energy');
  assert.is(c.mqtt.tls?.ca, '/etc/ca.pem');
  assert.is(c.mqtt.tls?.reject_unauthorized, true);
});

test('keys that contradict each other are reported with their paths', () => {
  const e = failure(() =>
    validateConfig(
      {
        vad: { engine: 'webrtc', threshold: 0.3, neg_threshold: 0.4, window_s: 2, hop_s: 3 },
        mqtt: { url: 'mqtt://b:1883', tls: { cert: '/c.pem' }, outbox: { max_events: 0 } },
        http: { host: '0.0.0.0' },
        events: { min_confidence: 2 },
      },
      'z.yaml',
    ),
  );
  assert.match(e.message, /vad\.engine: /);
  assert.match(e.message, /mqtt\.tls: needs an mqtts:\/\/ or wss:\/\/ url/);
  assert.match(e.message, /mqtt\.tls\.key: cert and key go together/);
  assert.match(e.message, /mqtt\.outbox\.max_events: /);
  assert.match(e.message, /http\.token: required when host is not loopback \(0\.0\.0\.0\)/);
  assert.match(e.message, /events\.min_confidence: /);
  const e2 = failure(() => validateConfig({ vad: { threshold: 0.3, neg_threshold: 0.4, window_s: 2, hop_s: 3 } }, 'w.yaml'));
  assert.match(e2.message, /vad\.neg_threshold: must not exceed threshold \(0\.3\)/);
  assert.match(e2.message, /vad\.hop_s: must not exceed window_s \(2\)/);
});

test('identity: device id from the host name, multi-level prefixes, status page on loopback only', () => {
  assert.is(defaultDeviceId('Kiosk-A.lan'), 'kiosk-a');
  assert.is(defaultDeviceId('class room #3'), 'class_room_3');
  assert.is(defaultDeviceId('...'), 'emotiond');
  assert.match(validateConfig({}, 'defaults').device_id, /^[a-z0-9_-]+$/);
  const c = validateConfig({ mqtt: { topic_prefix: 'home/emotiond', discovery: { prefix: 'ha/disc', status_topic: 'ha/status' } } }, 'p.yaml');
  assert.equal([c.mqtt.topic_prefix, c.mqtt.discovery.prefix, c.mqtt.discovery.status_topic], ['home/emotiond', 'ha/disc', 'ha/status']);
  for (const bad of ['home//x', 'a/+', '#', '/a', 'a/']) {
    assert.match(failure(() => validateConfig({ mqtt: { topic_prefix: bad } }, 'p.yaml')).message, /mqtt\.topic_prefix: one or more levels/, bad);
  }
  assert.is(statusPageOn(validateConfig({}, 'd').http), true);
  const open = validateConfig({ http: { host: '0.0.0.0', token: 'sixteen-chars-ok!' } }, 'h.yaml').http;
  assert.is(statusPageOn(open), false, 'off by default off loopback');
  assert.is(statusPageOn({ ...open, status_page: true }), true);
});

test('the example config is valid and equals the defaults (it documents them)', () => {
  const example = loadConfig(new URL('../../../config/emotiond.example.yaml', import.meta.url).pathname, {});
  const defaults = loadConfig(undefined, {});
  assert.equal({ ...example, state_dir: '' }, { ...defaults, state_dir: '' });
});

test('environment values of text keys are taken as text, not YAML', () => {
  for (const pw of ['*pw', '[x', '123456', 'true', 'null', '{a: 1}']) {
    assert.is(loadConfig(undefined, { EMOTIOND_MQTT__PASSWORD: pw }).mqtt.password, pw);
  }
  assert.is(loadConfig(undefined, { EMOTIOND_DEVICE_ID: '007' }).device_id, '007');
  assert.is(loadConfig(undefined, { EMOTIOND_HTTP__PORT: '0' }).http.port, 0, 'numbers are still parsed');
});

test('a malformed value for a non-text key names the variable, not the value', () => {
  const e = failure(() => loadConfig(undefined, { EMOTIOND_HTTP__PORT: '[s3cret' }));
  assert.match(e.message, /^EMOTIOND_HTTP__PORT: not a valid value/);
  assert.not.match(e.message, /s3cret/);
});

test('EMOTIOND_* variables that are not config (EMOTIOND_TSX, EMOTIOND_DEBUG, stray ones) do not break loading', () => {
  const c = loadConfig(undefined, { EMOTIOND_TSX: '1', EMOTIOND_DEBUG: '1', EMOTIOND_CONFIG: 'x.yaml', EMOTIOND_SOMETHING_ELSE: '[' });
  // The default device id (from the host name) is unchanged by them.
  assert.is(c.device_id, loadConfig(undefined, {}).device_id);
  // A misspelt key inside a section is still reported.
  assert.match(failure(() => loadConfig(undefined, { EMOTIOND_MQTT__URLL: 'x' })).message, /mqtt\.urll: unknown key/);
});

test.run();
