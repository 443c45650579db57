// The MQTT sink against mosquitto with TLS (a CA of our own, client certificates required)
// and with username/password: what works connects, what does not is refused and said.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MqttSink, type LogLevel } from '../../../daemon/sinks/mqtt-sink.ts';
import { loadTls } from '../../../daemon/sinks/mqtt-tls.ts';
import { findMosquitto, startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';
import { subscribe } from '../../helpers/subscriber.ts';
import { makeEvent } from '../../helpers/emotion-event.ts';
import { skipVisibly, tempDir } from '../audio/audio-test-kit.ts';

// Installed = it can be started (mosquitto_passwd -h exits non-zero, but runs).
const installed = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).error === undefined;
const missing = [!findMosquitto() && 'mosquitto', !installed('openssl', 'version') && 'openssl', !installed('mosquitto_passwd', '-h') && 'mosquitto_passwd'].filter(Boolean);

const brokers: Mosquitto[] = [];
test.after(async () => {
  for (const b of brokers) await b.stop();
});

function openssl(dir: string, ...args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
function makePki(dir: string): void {
  const subj = (cn: string) => ['-subj', `/CN=${cn}`];
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-keyout', 'ca.key', '-out', 'ca.crt', ...subj('emotiond test CA'));
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\n');
  for (const [name, ext] of [['server', ['-extfile', 'server.ext']], ['client', []]] as const) {
    openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, ...subj(name === 'server' ? '127.0.0.1' : 'emotiond'));
    openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.crt`, ...ext);
  }
}

const sinkFor = (url: string, extra: Partial<ConstructorParameters<typeof MqttSink>[0]> = {}) => {
  const logs: { level: LogLevel; msg: string }[] = [];
  const s = new MqttSink({ url, deviceId: 'tls', reconnectMinMs: 200, reconnectMaxMs: 400, startWaitMs: 4000, logger: (level, msg) => logs.push({ level, msg }), ...extra });
  return { s, logs };
};

if (missing.length) {
  skipVisibly('MQTT over TLS and with passwords against mosquitto (3 tests)', `missing ${missing.join(', ')}`);
} else {
  const pki = tempDir('pki');
  makePki(pki);
  const f = (n: string) => join(pki, n);

  test('TLS with a client certificate: connects, publishes; without the certificate: refused, said once', async () => {
    const b = await startMosquitto({
      listener: [`cafile ${f('ca.crt')}`, `certfile ${f('server.crt')}`, `keyfile ${f('server.key')}`, 'require_certificate true', 'use_identity_as_username true'],
    });
    brokers.push(b);
    assert.match(b.url, /^mqtts:/);
    const tls = loadTls({ ca: f('ca.crt'), cert: f('client.crt'), key: f('client.key') });
    const ok = sinkFor(b.url, { tls });
    await ok.s.start();
    assert.ok(ok.s.connected, JSON.stringify(ok.logs));
    await ok.s.publishEvent(makeEvent('tls', 1));
    await ok.s.stop();

    const noCert = sinkFor(b.url, { tls: loadTls({ ca: f('ca.crt') }) });
    await noCert.s.start();
    assert.not.ok(noCert.s.connected);
    await noCert.s.stop();
    assert.ok(noCert.logs.some((l) => l.level === 'warn'), JSON.stringify(noCert.logs));

    const wrongCa = sinkFor(b.url, { tls: loadTls({ ca: f('client.crt'), cert: f('client.crt'), key: f('client.key') }) });
    await wrongCa.s.start();
    assert.not.ok(wrongCa.s.connected, 'a broker certificate the CA did not sign is refused');
    await wrongCa.s.stop();
    assert.ok(wrongCa.logs.some((l) => /certificate/i.test(l.msg)), JSON.stringify(wrongCa.logs));
  });

  test('username and password: right ones connect, wrong ones are refused', async () => {
    const pw = join(pki, 'passwd');
    writeFileSync(pw, '');
    const r = spawnSync('mosquitto_passwd', ['-b', pw, 'emotiond', 's3cret'], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const b = await startMosquitto({ listener: [`password_file ${pw}`], allowAnonymous: false });
    brokers.push(b);
    const good = sinkFor(b.url, { username: 'emotiond', password: 's3cret', protocolVersion: 5 });
    const sub = await subscribe(b.url.replace('mqtt://', 'mqtt://emotiond:s3cret@'), 'emotiond/tls/#');
    await good.s.start();
    assert.ok(good.s.connected);
    await good.s.publishEvent(makeEvent('tls', 2));
    await sub.waitFor((m) => m.topic === 'emotiond/tls/event');
    await good.s.stop();
    await sub.close();
    const bad = sinkFor(b.url, { username: 'emotiond', password: 'wrong' });
    await bad.s.start();
    assert.not.ok(bad.s.connected);
    await bad.s.stop();
    assert.ok(bad.logs.some((l) => /Not authorized|Bad User Name or Password/i.test(l.msg)), JSON.stringify(bad.logs));
  });
}

test('loadTls: unreadable files and a cert without its key are CONFIG_INVALID naming the key', () => {
  assert.throws(() => loadTls({ ca: '/nonexistent/ca.pem' }), (e: Error & { code?: string }) => e.code === 'CONFIG_INVALID' && /mqtt\.tls\.ca: cannot read \/nonexistent\/ca\.pem/.test(e.message));
  assert.throws(() => loadTls({ cert: '/x.pem' }), /cert and key go together/);
  assert.is(loadTls(undefined), undefined);
});

test.run();
