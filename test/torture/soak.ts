// Soak: hours of speech replayed far faster than real time through the full daemon (file
// source with loop, Silero VAD, WASM features, ONNX model, outbox, a real mosquitto broker),
// its resident memory sampled all along. Passes when RSS grows less than `maxGrowth` after
// the warm-up and every event the daemon made reached the subscriber, once each, in order.
//   npx tsx test/torture/soak.ts [--audio-hours 8] [--speed 50] [--vad silero|energy] [--json FILE]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { startMosquitto } from '../helpers/mosquitto.ts';
import { subscribe } from '../helpers/subscriber.ts';
import { httpGet, startDaemonProcess, statusPort } from '../helpers/daemon-process.ts';
import { deployedRuntime } from '../helpers/deployed-runtime.ts';
import { rssBytes } from '../../bench/proc-stats.ts';
import { checkDelivery, type DeliveryReport } from './delivery-check.ts';

export interface SoakReport {
  audio_hours: number;
  speed: number;
  vad: string;
  wall_s: number;
  /** Real-time factor actually reached over the whole run. */
  achieved_speed: number;
  rss_mib: { warm: number; end: number; max: number; growth_percent: number; samples: number };
  /** Largest audio seen waiting for the VAD: the daemon kept up when it stays small. */
  max_vad_backlog_s: number;
  delivery: DeliveryReport;
  ok: boolean;
}

const metric = (text: string, name: string): number => {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
};

export async function soak(opts: { audioHours: number; speed: number; vad?: 'silero' | 'energy'; maxGrowth?: number; log?: (s: string) => void }): Promise<SoakReport> {
  const log = opts.log ?? ((s: string) => console.log(s));
  if (!hasEspeak()) throw new Error('soak needs espeak-ng for its speech');
  const speech = speakSentences();
  const broker = await startMosquitto();
  const sub = await subscribe(broker.url, 'emotiond/soak/event');
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-soak-'));
  const runtime = deployedRuntime();
  const d = startDaemonProcess(
    join(dir, 'config.json'),
    {
      device_id: 'soak',
      state_dir: join(dir, 'state'),
      http: { port: 0 },
      source: { type: 'file', path: speech.dir, speed: opts.speed, gap_s: 1, loop: true },
      vad: { engine: opts.vad ?? 'silero' },
      mqtt: { url: broker.url, discovery: { enabled: false }, outbox: { fsync: false } },
      log: { level: 'info', events_to_stdout: true },
    },
    { nodeArgs: runtime.nodeArgs, env: runtime.env },
  );
  const port = await statusPort(d);
  const pid = d.child.pid!;
  const targetS = opts.audioHours * 3600;
  const t0 = performance.now();
  const samples: { audioS: number; rss: number }[] = [];
  let audioS = 0;
  let maxBacklog = 0;
  let lastReport = 0;
  while (audioS < targetS) {
    await new Promise((r) => setTimeout(r, 2000));
    if (d.child.exitCode !== null || d.child.signalCode !== null) throw new Error(`daemon exited early:\n${d.err.slice(-2000)}`);
    const metrics = (await httpGet(port, '/metrics')).body;
    audioS = metric(metrics, 'emotiond_audio_seconds_total');
    maxBacklog = Math.max(maxBacklog, metric(metrics, 'emotiond_vad_backlog_seconds'));
    samples.push({ audioS, rss: rssBytes(pid) });
    if (audioS - lastReport >= 1800) {
      lastReport = audioS;
      log(`soak: ${(audioS / 3600).toFixed(2)} h of audio, RSS ${(samples.at(-1)!.rss / 2 ** 20).toFixed(1)} MiB, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const wallS = (performance.now() - t0) / 1000;
  d.child.kill('SIGTERM');
  await d.exited;
  const delivery = await checkDelivery(d, sub, 'emotiond/soak/event');
  await sub.close();
  await broker.stop();

  // Warm-up: the first tenth of the audio (model compiled, buffers at their working size).
  const warm = samples.filter((s) => s.audioS >= targetS / 10);
  const mib = (b: number) => b / 2 ** 20;
  const avg = (xs: { rss: number }[]) => xs.reduce((a, s) => a + s.rss, 0) / xs.length;
  const n = Math.max(1, Math.floor(warm.length / 10));
  const first = avg(warm.slice(0, n));
  const last = avg(warm.slice(-n));
  const growth = ((last - first) / first) * 100;
  const report: SoakReport = {
    audio_hours: Number((audioS / 3600).toFixed(3)),
    speed: opts.speed,
    vad: opts.vad ?? 'silero',
    wall_s: Math.round(wallS),
    achieved_speed: Number((audioS / wallS).toFixed(1)),
    rss_mib: {
      warm: Number(mib(first).toFixed(1)),
      end: Number(mib(last).toFixed(1)),
      max: Number(mib(Math.max(...samples.map((s) => s.rss))).toFixed(1)),
      growth_percent: Number(growth.toFixed(2)),
      samples: samples.length,
    },
    max_vad_backlog_s: Number(maxBacklog.toFixed(2)),
    delivery,
    ok: growth < (opts.maxGrowth ?? 5) && delivery.ok,
  };
  return report;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { 'audio-hours': { type: 'string', default: '8' }, speed: { type: 'string', default: '50' }, vad: { type: 'string', default: 'silero' }, json: { type: 'string' } } });
  const report = await soak({ audioHours: Number(values['audio-hours']), speed: Number(values.speed), vad: values.vad as 'silero' | 'energy' });
  const text = JSON.stringify(report, null, 2);
  console.log(text);
  if (values.json) writeFileSync(values.json, text + '\n');
  process.exit(report.ok ? 0 : 1);
}
