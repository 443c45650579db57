// One redaction for every line written: URL passwords and registered secrets never appear.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { redact, registerSecret, urlPassword } from '../../../daemon/core/redact.ts';
import { createLogger } from '../../../daemon/log/logger.ts';
import { loadConfig } from '../../../daemon/config/load-config.ts';

test('the password of any URL is masked, the rest kept', () => {
  assert.is(redact('broker mqtt://user:pa55@host:1883/x'), 'broker mqtt://user:***@host:1883/x');
  assert.is(redact('{"broker":"mqtts://:p%40ss@h:8883"}'), '{"broker":"mqtts://:***@h:8883"}');
  assert.is(redact('http://127.0.0.1:9464/healthz and mqtt://h:1883'), 'http://127.0.0.1:9464/healthz and mqtt://h:1883');
  assert.is(urlPassword('mqtt://u:p%40ss@h'), 'p@ss');
});

test('a registered secret is masked anywhere, also JSON-escaped', () => {
  registerSecret('hunter"2');
  assert.is(redact('password: hunter"2 at line 3'), 'password: *** at line 3');
  assert.is(redact(JSON.stringify({ msg: 'x hunter"2 y' })), '{"msg":"x *** y"}');
});

test('every log line is redacted: the broker URL of the listening line, a secret quoted in an error', () => {
  const lines: string[] = [];
  const log = createLogger('debug', (l) => lines.push(l));
  loadConfig(undefined, { EMOTIOND_MQTT__URL: 'mqtt://u:url-secret-1@broker:1883', EMOTIOND_MQTT__PASSWORD: 'env-secret-2' });
  log('info', 'listening', { broker: 'mqtt://u:url-secret-1@broker:1883' });
  log('error', 'reload failed: broker said env-secret-2 is wrong', { error: 'url-secret-1' });
  const all = lines.join('\n');
  assert.not.match(all, /url-secret-1|env-secret-2/);
  assert.match(all, /mqtt:\/\/u:\*\*\*@broker:1883/);
});

test.run();
