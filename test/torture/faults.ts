// Fault scenarios against the daemon as a child process, with real mosquitto brokers and
// espeak speech replayed in a loop: the broker killed, frozen and restarted during speech; the
// daemon SIGKILLed during an outage; a full disk; a second daemon on the same state_dir;
// SIGHUP storms from the first moment; a busy status port on reload; a storm of fuzzed set
// commands. Each ends by comparing what the daemon made with what the subscriber received.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { connect } from 'mqtt';
import { speakSentences } from '../fixtures/speech.ts';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe, type Subscriber } from '../helpers/subscriber.ts';
import { httpGet, startDaemonProcess, writeConfig, type DaemonProcess } from '../helpers/daemon-process.ts';
import { freePort } from '../helpers/free-port.ts';
import { fillUp, mountSmallTmpfs } from '../helpers/small-tmpfs.ts';
import { parseCommand } from '../../daemon/sinks/commands.ts';
import { checkDelivery, madeEvents, type DeliveryReport } from './delivery-check.ts';
import { fuzzPayload } from './fuzz-commands.ts';
import { SeededRandom } from './seeded-random.ts';

export interface FaultReport {
  name: string;
  ok: boolean;
  delivery?: DeliveryReport;
  notes: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let speechDir: string | undefined;

interface Rig {
  dir: string;
  broker: Mosquitto;
  sub: Subscriber;
  topic: string;
  cfg: (extra?: Record<string, unknown>) => Record<string, unknown>;
  start: (extra?: Record<string, unknown>, name?: string) => DaemonProcess;
}

async function rig(id: string, stateDir?: string): Promise<Rig> {
  speechDir ??= speakSentences().dir;
  const dir = mkdtempSync(join(tmpdir(), `emotiond-fault-${id}-`));
  const broker = await startMosquitto();
  const topic = `emotiond/${id}/event`;
  // A persistent session: what the broker holds for it while it reconnects is not lost.
  const sub = await subscribe(broker.url, topic, { clientId: `fault-sub-${id}`, clean: false });
  const cfg = (extra: Record<string, unknown> = {}) => ({
    device_id: id,
    state_dir: stateDir ?? join(dir, 'state'),
    source: { type: 'file', path: speechDir, speed: 3, gap_s: 0.5, loop: true },
    vad: { engine: 'energy' },
    http: { port: 0 },
    mqtt: { url: broker.url, discovery: { enabled: false }, reconnect_max_s: 1, stop_timeout_s: 10 },
    log: { level: 'info', events_to_stdout: true },
    ...extra,
  });
  let n = 0;
  const start = (extra?: Record<string, unknown>, name = `d${n++}`) => startDaemonProcess(join(dir, `${name}.json`), cfg(extra));
  return { dir, broker, sub, topic, cfg, start };
}

async function finish(r: Rig, daemons: DaemonProcess[]): Promise<DeliveryReport> {
  for (const d of daemons) if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill('SIGTERM');
  await Promise.all(daemons.map((d) => d.exited));
  const delivery = await checkDelivery(daemons, r.sub, r.topic, 20000);
  await r.sub.close();
  await r.broker.stop();
  return delivery;
}

const eventsSoFar = (daemons: DaemonProcess[]) => madeEvents(daemons).length;
async function waitEvents(daemons: DaemonProcess[], n: number, ms = 60000): Promise<void> {
  const deadline = Date.now() + ms;
  while (eventsSoFar(daemons) < n) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} events within ${ms} ms; last log lines:\n${daemons.at(-1)!.err.split('\n').slice(-15).join('\n')}`);
    await sleep(100);
  }
}
async function port(d: DaemonProcess): Promise<number> {
  const l = await d.waitLog((l) => l.msg === 'status endpoints listening', 60000);
  return Number(new URL(String(l.url)).port);
}

export async function brokerKilledFrozenRestarted(): Promise<FaultReport> {
  const r = await rig('broker-faults');
  const d = r.start();
  await waitEvents([d], 3);
  const notes: string[] = [];
  r.broker.kill();
  await waitEvents([d], eventsSoFar([d]) + 3);
  await r.broker.restart();
  notes.push('killed (SIGKILL) and restarted');
  await waitEvents([d], eventsSoFar([d]) + 3);
  process.kill(r.broker.pid, 'SIGSTOP');
  await waitEvents([d], eventsSoFar([d]) + 3);
  process.kill(r.broker.pid, 'SIGCONT');
  notes.push('frozen (SIGSTOP) during 3 events, thawed');
  await waitEvents([d], eventsSoFar([d]) + 3);
  await r.broker.restart();
  notes.push('restarted (SIGTERM)');
  await waitEvents([d], eventsSoFar([d]) + 3);
  const delivery = await finish(r, [d]);
  return { name: 'broker killed, frozen and restarted during speech', ok: delivery.ok && (await d.exited) === 0, delivery, notes };
}

export async function daemonKilledInOutage(): Promise<FaultReport> {
  const r = await rig('killed-in-outage');
  const a = r.start();
  await waitEvents([a], 2);
  await r.broker.stop();
  await waitEvents([a], eventsSoFar([a]) + 5);
  a.child.kill('SIGKILL');
  await a.exited;
  const queued = readFileSync(join(r.dir, 'state', 'outbox.jsonl'), 'utf8').split('\n').filter(Boolean).length;
  await r.broker.restart();
  // Same state_dir: the lock the killed daemon left is stale and taken over.
  const b = r.start({ source: { type: 'file', path: speechDir, speed: 3, gap_s: 0.5, loop: false, stop_at_end: true } });
  const code = await b.exited;
  const delivery = await finish(r, [a, b]);
  return {
    name: 'daemon SIGKILLed during a broker outage, restarted',
    ok: delivery.ok && code === 0,
    delivery,
    notes: [`${queued} outbox lines at the kill`, `restart exit ${code}`, `stale lock: ${b.logs().some((l) => l.level === 'error') ? 'errors logged' : 'taken over'}`],
  };
}

export async function diskFull(): Promise<FaultReport> {
  const fs = mountSmallTmpfs(128);
  if (!fs.dir) return { name: 'disk full (small tmpfs)', ok: true, notes: [`skipped: ${'why' in fs ? fs.why : ''}`] };
  try {
    const r = await rig('disk-full', join(fs.dir, 'state'));
    const d = r.start();
    const p = await port(d);
    await waitEvents([d], 2);
    await r.broker.stop();
    fillUp(join(fs.dir, 'filler'));
    const notes = ['state_dir on a 128 KiB tmpfs, filled to the last byte during a broker outage'];
    let health = await httpGet(p, '/healthz');
    for (let i = 0; i < 600 && !health.body.includes('outbox_fault'); i++) {
      await sleep(100);
      health = await httpGet(p, '/healthz');
    }
    const sawFault = health.status === 503 && health.body.includes('outbox_fault');
    notes.push(`/healthz while full: ${health.status} ${JSON.parse(health.body).outbox_fault?.code ?? '(no fault)'}`);
    const metrics = (await httpGet(p, '/metrics')).body;
    const writeErrors = Number(/^emotiond_outbox_write_errors_total (\d+)/m.exec(metrics)?.[1] ?? 0);
    notes.push(`emotiond_outbox_write_errors_total ${writeErrors}`);
    await waitEvents([d], eventsSoFar([d]) + 3);
    rmSync(join(fs.dir, 'filler'));
    await r.broker.restart();
    await waitEvents([d], eventsSoFar([d]) + 2);
    const after = await httpGet(p, '/healthz');
    notes.push(`/healthz after space came back: ${after.status}`);
    const delivery = await finish(r, [d]);
    return { name: 'disk full (small tmpfs)', ok: delivery.ok && sawFault && writeErrors > 0 && after.status === 200, delivery, notes };
  } finally {
    fs.unmount();
  }
}

export async function secondDaemonSameStateDir(): Promise<FaultReport> {
  const r = await rig('two-daemons');
  const a = r.start();
  await waitEvents([a], 2);
  const b = r.start({ device_id: 'two-daemons-b' }, 'b');
  const code = await b.exited;
  const refused = code === 1 && b.err.includes(`in use by another emotiond (pid ${a.child.pid}`);
  await waitEvents([a], eventsSoFar([a]) + 3);
  const delivery = await finish(r, [a]);
  return {
    name: 'a second daemon on the same state_dir',
    ok: refused && delivery.ok,
    delivery,
    notes: [`second daemon: exit ${code}: ${b.err.trim().split('\n').at(-1)}`],
  };
}

/** SIGHUPs from the moment the process catches signals, then a reload onto a busy port, then fuzzed set commands. */
export async function reloadAndCommandStorms(commands: number, seed = 4): Promise<FaultReport> {
  const r = await rig('storms');
  const p1 = await freePort();
  const d = r.start({ http: { port: p1 } }, 'storm');
  const notes: string[] = [];
  // From the moment the process catches SIGHUP (its first line of JavaScript; before it, Node's
  // own start-up, no program can): bit 0 of SigCgt in /proc/PID/status.
  const catches = () => /SigCgt:\s*[0-9a-f]*[13579bdf]\n/.test(readFileSync(`/proc/${d.child.pid}/status`, 'utf8'));
  for (let i = 0; i < 5000 && d.child.exitCode === null && !catches(); i++) await sleep(2);
  let sent = 0;
  let listening = false;
  let listeningAt = Infinity;
  void d.waitLog((l) => l.msg === 'listening', 120000).then(() => ((listening = true), (listeningAt = Date.now())), () => undefined);
  // Through start-up and 2 s past it (the reload rate limit at work).
  while (d.child.exitCode === null && d.child.signalCode === null && (!listening || Date.now() - listeningAt < 2000)) {
    d.child.kill('SIGHUP');
    sent++;
    await sleep(20);
  }
  const alive = d.child.exitCode === null && d.child.signalCode === null;
  await waitEvents([d], 3);
  const reloads = d.logs().filter((l) => l.msg === 'config reloaded').length;
  notes.push(`${sent} SIGHUPs 20 ms apart from the first moment the process catches them until 2 s after it listens: ${alive ? 'alive' : `died (${d.child.signalCode ?? d.child.exitCode})`}, ${reloads} reloads`);

  // A reload onto a busy status port keeps the running status server.
  const p2 = await freePort();
  const squatter = createServer();
  await new Promise<void>((ok) => squatter.listen(p2, '127.0.0.1', () => ok()));
  squatter.unref();
  writeConfig(join(r.dir, 'storm.json'), r.cfg({ http: { port: p2 } }));
  await sleep(1100);
  d.child.kill('SIGHUP');
  await d.waitLog((l) => String(l.msg).includes(`cannot listen on 127.0.0.1:${p2}`));
  const stillThere = (await httpGet(p1, '/healthz')).status === 200;
  notes.push(`reload onto busy port ${p2}: refused; /healthz on ${p1} ${stillThere ? 'still answers' : 'GONE'}`);
  await new Promise((ok) => squatter.close(ok));
  writeConfig(join(r.dir, 'storm.json'), r.cfg({ http: { port: p1 } })); // later `reload` commands keep p1

  // Fuzzed set commands through the broker; every one that the parser refuses is counted as rejected.
  const rng = new SeededRandom(seed);
  const client = connect(r.broker.url);
  await new Promise((ok) => client.once('connect', ok));
  let invalid = 0;
  for (let i = 0; i < commands; i++) {
    const payload = fuzzPayload(rng);
    try {
      const c = parseCommand(payload);
      if (c.type === 'mute' && c.muted) continue; // keep it listening, so events go on
    } catch {
      invalid++;
    }
    await client.publishAsync('emotiond/storms/set', Buffer.from(payload), { qos: 1 });
  }
  await client.publishAsync('emotiond/storms/set', 'unmute', { qos: 1 });
  await client.endAsync();
  const rejected = async () => Number(/^emotiond_commands_total\{result="rejected"\} (\d+)/m.exec((await httpGet(p1, '/metrics')).body)?.[1] ?? 0);
  for (let i = 0; i < 600 && (await rejected()) < invalid; i++) await sleep(100);
  const counted = await rejected();
  notes.push(`${commands} fuzzed set payloads: ${invalid} invalid sent, ${counted} rejected by the daemon`);
  await waitEvents([d], eventsSoFar([d]) + 3);
  const healthy = (await httpGet(p1, '/healthz')).status === 200;
  const delivery = await finish(r, [d]);
  return {
    name: 'SIGHUP storm from start-up, busy status port on reload, fuzzed set commands',
    ok: alive && reloads >= 1 && reloads < sent && stillThere && counted === invalid && healthy && delivery.ok,
    delivery,
    notes,
  };
}
