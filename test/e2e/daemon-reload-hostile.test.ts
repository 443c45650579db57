// Reloads under hostile conditions, the daemon as a child process: SIGHUPs from the moment
// the process catches signals (startup included) do not kill it and cause a bounded number
// of reloads; one before the config is even read is caught and answered by a reload after
// start-up; a reload whose status port is busy keeps the running status server.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort } from '../helpers/free-port.ts';
import { ROOT, httpGet, startDaemonProcess, writeConfig, type DaemonProcess } from '../helpers/daemon-process.ts';
import { tempDir } from '../unit/audio/audio-test-kit.ts';
import { pcmWav, seededInts } from '../unit/audio/wav-bytes.ts';

const dir = tempDir('reload-hostile');
const wav = join(dir, 'noise.wav');
writeFileSync(wav, pcmWav([seededInts(16000, -2000, 2000, 3)], 's16', 16000));
const cfgFile = join(dir, 'config.json');
const config = (port: number) => ({
  state_dir: join(dir, 'state'),
  source: { type: 'file', path: wav, loop: true, gap_s: 0 },
  vad: { engine: 'energy' },
  http: { port },
  log: { level: 'info' },
});

/** True once the process has a handler for SIGHUP (bit 0 of SigCgt in /proc/PID/status). */
function catchesSighup(pid: number): boolean {
  try {
    const m = /SigCgt:\s*([0-9a-f]+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m !== null && (BigInt(`0x${m[1]}`) & 1n) === 1n;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let d: DaemonProcess;
let port1: number;

test('SIGHUPs from the start of the process on: it comes up, stays up, reloads a bounded number of times', async () => {
  port1 = await freePort();
  d = startDaemonProcess(cfgFile, config(port1));
  const pid = d.child.pid!;
  for (let i = 0; i < 2000 && !catchesSighup(pid) && d.child.exitCode === null; i++) await sleep(2);
  assert.ok(catchesSighup(pid), 'SIGHUP is caught from early on');
  let sent = 0;
  let listening = false;
  void d.waitLog((l) => l.msg === 'listening', 60000).then(() => (listening = true), () => undefined);
  // Before start-up ends and for a while after it: 20 ms apart.
  for (let after = 0; after < 25 && d.child.exitCode === null && d.child.signalCode === null; after += listening ? 1 : 0) {
    d.child.kill('SIGHUP');
    sent++;
    await sleep(20);
  }
  assert.is(d.child.signalCode, null, `killed by ${d.child.signalCode}; stderr:\n${d.err.slice(-2000)}`);
  assert.is(d.child.exitCode, null, d.err.slice(-2000));
  assert.is((await httpGet(port1, '/healthz')).status, 200);
  await d.waitLog((l) => l.msg === 'config reloaded');
  const reloads = d.logs().filter((l) => l.msg === 'config reloaded' || String(l.msg).startsWith('reload failed')).length;
  assert.ok(reloads >= 1 && reloads < sent, `${reloads} reloads for ${sent} SIGHUPs`);
});

test('a busy port on reload: the reload fails, the running status server stays; once free, it moves', async () => {
  const port2 = await freePort();
  const squatter: Server = createServer();
  await new Promise<void>((r) => squatter.listen(port2, '127.0.0.1', () => r()));
  squatter.unref(); // a failing assertion below must not keep the test process alive
  await sleep(1100); // past the reload rate limit, so the SIGHUP below is served at once
  writeConfig(cfgFile, config(port2));
  d.child.kill('SIGHUP');
  await d.waitLog((l) => String(l.msg).startsWith('reload failed') && String(l.msg).includes(`cannot listen on 127.0.0.1:${port2}`));
  assert.is((await httpGet(port1, '/healthz')).status, 200, 'the old status server still answers');
  await new Promise((r) => squatter.close(r));
  await sleep(1100);
  const reloadsBefore = d.logs().filter((l) => l.msg === 'config reloaded').length;
  d.child.kill('SIGHUP');
  await d.waitLog((l) => l.msg === 'status endpoints listening' && String(l.url).includes(`:${port2}/`));
  assert.is((await httpGet(port2, '/healthz')).status, 200);
  // The old server closes when the reload completes (after the publisher has its new settings:
  // the status page URL is in the discovery configs).
  for (let i = 0; i < 600 && d.logs().filter((l) => l.msg === 'config reloaded').length === reloadsBefore; i++) await sleep(50);
  assert.is(await httpGet(port1, '/healthz').then(() => 'answered', () => 'refused'), 'refused', 'the old port is closed');
  d.child.kill('SIGTERM');
  assert.is(await d.exited, 0, d.err.slice(-2000));
});

test('a SIGHUP that comes before the config is even read: caught, and a reload follows start-up', async () => {
  // The config file is a FIFO: the daemon blocks reading it until the test writes it, so the
  // SIGHUPs below deterministically arrive before the config is read, long before the daemon
  // is up. (Node's default for an uncaught SIGHUP is to exit.)
  const fifo = join(dir, 'config-fifo.yaml');
  execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'run', '--config', fifo], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b) => (err += b));
  const exited = new Promise<string>((r) => child.once('exit', (code, sig) => r(`${code ?? sig}`)));
  try {
    for (let i = 0; i < 10000 && !catchesSighup(child.pid!) && child.exitCode === null; i++) await sleep(5);
    for (let i = 0; i < 3; i++) {
      child.kill('SIGHUP');
      await sleep(50);
    }
    assert.is(child.signalCode, null, `killed by ${child.signalCode} before reading its config`);
    // The config, once for the start and once for the reload owed to the early SIGHUPs.
    const text = JSON.stringify({ ...config(0), state_dir: join(dir, 'state-fifo') });
    await writeFile(fifo, text);
    const listening = () => err.includes('"msg":"listening"');
    for (let i = 0; i < 1200 && !listening() && child.exitCode === null; i++) await sleep(50);
    assert.ok(listening(), `not listening; stderr:\n${err.slice(-2000)}`);
    await writeFile(fifo, text);
    for (let i = 0; i < 1200 && !err.includes('"msg":"config reloaded"') && child.exitCode === null; i++) await sleep(50);
    assert.match(err, /"msg":"config reloaded"/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.is(await exited, '0', err.slice(-2000));
});

test.after(() => {
  if (d?.child.exitCode === null) d.child.kill('SIGKILL');
});

test.run();
