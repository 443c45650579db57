// The outbox under a real outage: continuous speech (espeak-ng sentences replayed in a loop at
// real-time pace) while mosquitto is stopped for 30 s and started again. Every event the
// daemon made (its stdout) must reach a subscriber with a persistent session, in order;
// duplicates (at-least-once delivery) are counted and dropped by event_id.
//  A: the daemon runs through the outage.
//  B: the daemon is SIGKILLed in the middle of the outage and started again at once on the
//     same state directory; the new one delivers what the old one left in the outbox.
// Usage: npx tsx bench/daemon-outage.ts [outage_seconds=30]
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto } from '../test/helpers/mosquitto.ts';
import { subscribe, type Subscriber } from '../test/helpers/subscriber.ts';
import { speakSentences } from '../test/fixtures/speech.ts';
import { startDaemonProcess, type DaemonProcess } from '../test/helpers/daemon-process.ts';
import { deployedRuntime } from '../test/helpers/deployed-runtime.ts';

const outageS = Number(process.argv[2] ?? 30);
// The Node options, environment and niceness of the systemd unit.
const asDeployed = { env: deployedRuntime().env, nodeArgs: deployedRuntime().nodeArgs, nice: deployedRuntime().nice };
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
const broker = await startMosquitto();
const speech = speakSentences().dir;

const made = (d: DaemonProcess) => d.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).event_id as string);
function arrivals(sub: Subscriber): { ids: string[]; duplicates: number } {
  const seen = new Set<string>();
  let duplicates = 0;
  const ids: string[] = [];
  for (const m of sub.messages) {
    const id = JSON.parse(m.payload).event_id as string;
    if (seen.has(id)) duplicates++;
    else ids.push(seen.add(id) && id);
  }
  return { ids, duplicates };
}

async function scenario(name: string, killMidway: boolean): Promise<string> {
  const id = `outage-${killMidway ? 'kill' : 'run'}`;
  const tmp = mkdtempSync(join(tmpdir(), `emotiond-${id}-`));
  const cfg = {
    device_id: id,
    state_dir: join(tmp, 'state'),
    source: { type: 'file', path: speech, speed: 1, gap_s: 0.5, loop: true },
    mqtt: { url: broker.url, discovery: { enabled: false } },
    http: { enabled: false },
    log: { level: 'info', events_to_stdout: true },
  };
  const sub = await subscribe(broker.url, `emotiond/${id}/event`, { clientId: `bench-${id}`, clean: false });
  const daemons = [startDaemonProcess(join(tmp, 'c.yaml'), cfg, asDeployed)];
  await daemons[0].waitLog((l) => l.msg === 'listening', 60000);
  await sleep(10);
  const beforeOutage = made(daemons[0]).length;
  await broker.stop();
  const outageStart = Date.now();
  if (killMidway) {
    await sleep(outageS / 2);
    daemons[0].child.kill('SIGKILL');
    await daemons[0].exited;
    daemons.push(startDaemonProcess(join(tmp, 'c.yaml'), cfg, asDeployed));
    await daemons[1].waitLog((l) => l.msg === 'listening', 60000);
  }
  await sleep(Math.max(0, outageS - (Date.now() - outageStart) / 1000));
  const madeByRestart = daemons.reduce((n, d) => n + made(d).length, 0);
  await broker.restart();
  const back = Date.now();
  // Drained once everything made up to the restart has arrived.
  await sub.waitFor(() => arrivals(sub).ids.length >= madeByRestart, 120000);
  const drainS = (Date.now() - back) / 1000;
  await sleep(5);
  const last = daemons[daemons.length - 1];
  last.child.kill('SIGTERM');
  const code = await last.exited;
  const want = daemons.flatMap(made);
  await sub.waitFor(() => arrivals(sub).ids.length >= want.length, 10000).catch(() => undefined);
  const { ids, duplicates } = arrivals(sub);
  await sub.close();
  const missing = want.filter((x) => !ids.includes(x)).length;
  const inOrder = JSON.stringify(ids) === JSON.stringify(want);
  return `| ${name} | ${want.length} | ${madeByRestart - beforeOutage} | ${ids.length} | ${missing} | ${duplicates} | ${inOrder ? 'yes' : 'NO'} | ${drainS.toFixed(2)} s | ${code} |`;
}

const loadAtStart = loadavg();
const rows = [await scenario(`A: ${outageS} s outage, daemon keeps running`, false), await scenario(`B: ${outageS} s outage, daemon SIGKILLed midway and restarted`, true)];
await broker.stop();
const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
console.log(`\nmachine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, node ${process.version}; load average (1, 5, 15 min) at the start ${la(loadAtStart)}, at the end ${la(loadavg())}\n`);
console.log('| scenario | events made | made during outage | received (unique) | missing | duplicates | in order | all delivered after broker restart in | daemon exit |');
console.log('|---|---:|---:|---:|---:|---:|---|---:|---:|');
for (const r of rows) console.log(r);
