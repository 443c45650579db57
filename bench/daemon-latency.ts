// The daemon end to end, as deployed: speech through ALSA capture (a named pipe fed at real-
// time pace, see test/helpers/fifo-capture.ts), PortAudio, Silero VAD, features, the model,
// the outbox and a real mosquitto, to a subscriber.
//  - latency, two ways: (a) from the VAD's end-of-speech decision to the event received by
//    the subscriber: the moment the last sample of the frame that closes the segment (the
//    hangover's last frame, in stream time) is written into the capture pipe; this is the
//    pipeline's own latency (capture, VAD, features, model, outbox, MQTT). (b) From the last
//    sample of speech written into the pipe: (a) plus the hangover of silence the VAD waits for;
//  - CPU (% of one core) and RSS: idle (digital silence), a quiet room (noise above the
//    Silero gate, so the model runs on every frame), during utterances, continuous speech.
// The daemon runs with the Node options, environment and niceness of the systemd unit.
// Usage: npx tsx bench/daemon-latency.ts [utterances=40] [phase_seconds=30] [engine=silero] [hangover_s=0.3]
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { startMosquitto } from '../test/helpers/mosquitto.ts';
import { subscribe } from '../test/helpers/subscriber.ts';
import { speakSentences } from '../test/fixtures/speech.ts';
import { FifoFeeder, alsaFifoHome } from '../test/helpers/fifo-capture.ts';
import { startDaemonProcess } from '../test/helpers/daemon-process.ts';
import { deployedRuntime } from '../test/helpers/deployed-runtime.ts';
import { percentile, sample, type Window } from './proc-stats.ts';

const [utterances = 40, phaseS = 30] = process.argv.slice(2, 4).map(Number);
const engine = process.argv[4] ?? 'silero';
const hangoverS = Number(process.argv[5] ?? 0.3);
const paddingS = 0.1;
const SR = 16000;
// Where the segmenter decides: frames of 512 samples (Silero) or 160 (energy); a segment
// ends `padding` frames after its last speech frame and closes `hangover` frames after it.
const frameS = (engine === 'silero' ? 512 : 160) / SR;
const closeAfterEndS = (Math.max(1, Math.round(hangoverS / frameS)) - Math.round(paddingS / frameS)) * frameS;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const loads: string[] = [];

const TEXTS: [string, string[]][] = [
  ['Please open the window.', ['-s', '160', '-p', '50']],
  ['I told you twice already!', ['-s', '210', '-p', '70', '-a', '180']],
  ['That is wonderful news.', ['-s', '170', '-p', '85']],
  ['Where did you put my keys?', ['-s', '180', '-p', '60']],
  ['Nothing ever works here.', ['-s', '130', '-p', '30']],
  ['Good morning, everyone.', ['-s', '150', '-p', '45']],
  ['Could you turn it down a little?', ['-s', '165', '-p', '55']],
  ['We won the match last night!', ['-s', '200', '-p', '90', '-a', '170']],
];

const tmp = mkdtempSync(join(tmpdir(), 'emotiond-bench-'));
const broker = await startMosquitto();
const spoken = speakSentences(TEXTS.map(([text, args]) => ({ text, args })));
const clips = await Promise.all(spoken.files.map(async (f) => (await decodeAudioFile(f)).samples));
/** Index of the last sample of speech (espeak-ng leaves a silent tail). */
const speechEnd = (x: Float32Array) => {
  let i = x.length - 1;
  while (i > 0 && Math.abs(x[i]) < 0.02) i--;
  return i;
};

const feeder = new FifoFeeder(join(tmp, 'capture.fifo'), 1);
alsaFifoHome(tmp, feeder.path);
const sub = await subscribe(broker.url, 'emotiond/bench/event');
const d = startDaemonProcess(
  join(tmp, 'c.yaml'),
  {
    device_id: 'bench',
    state_dir: join(tmp, 'state'),
    source: { type: 'portaudio', sample_rate: 16000, channels: 1 },
    vad: { engine, hangover_s: hangoverS, padding_s: paddingS },
    mqtt: { url: broker.url },
    http: { port: 0 },
    log: { level: 'info', events_to_stdout: false },
  },
  { env: { ...deployedRuntime().env, HOME: tmp }, cwd: tmp, nodeArgs: deployedRuntime().nodeArgs, nice: deployedRuntime().nice },
);
const pid = d.child.pid!;
// Field 19 of /proc/PID/stat (after the command name): the niceness the daemon really got.
const niceness = () => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[16];
const port = Number(new URL(String((await d.waitLog((l) => l.msg === 'status endpoints listening', 60000)).url)).port);
await d.waitLog((l) => l.msg === 'listening', 60000);
feeder.start();
await new Promise((r) => setTimeout(r, 3000));
const silence = (s: number) => new Float32Array(Math.round(s * SR));
const wait = async (s: number) => feeder.whenWritten(feeder.play(silence(s)) + Math.round(s * SR) - 1);

const results: Record<string, Window> = {};
const nice = niceness();
// Idle: the feeder writes digital silence when it has nothing queued.
await wait(2);
loads.push(`idle start ${load()}`);
results['idle (digital silence)'] = await sample(pid, phaseS * 1000);
loads.push(`idle end ${load()}`);

// A quiet room: white noise at about -50 dBFS RMS, above the Silero gate.
let seed = 1;
const noise = Float32Array.from({ length: phaseS * SR }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.011);
const noiseEnd = feeder.play(noise) + noise.length - 1;
await new Promise((r) => setTimeout(r, 1000));
results['quiet room (noise at -50 dBFS)'] = await sample(pid, (phaseS - 2) * 1000);
await feeder.whenWritten(noiseEnd);
await wait(2);

// Utterances, 2 s apart: latency of each, CPU over the whole run.
const ends: { endS: number; writtenAt: Promise<number> }[] = [];
loads.push(`utterances start ${load()}`);
for (let i = 0; i < utterances; i++) {
  const clip = clips[i % clips.length];
  const at = feeder.play(clip);
  const end = at + speechEnd(clip);
  ends.push({ endS: end / SR, writtenAt: feeder.whenWritten(end) });
  feeder.play(silence(2));
}
const lastEnd = feeder.play(silence(0.01));
results['utterances (2 s apart)'] = await sample(pid, ((lastEnd - feeder.written) / SR) * 1000);
await feeder.whenWritten(lastEnd);
loads.push(`utterances end ${load()}`);
await new Promise((r) => setTimeout(r, 2000));

const latencies: number[] = [];
const fromClose: number[] = [];
let unmatched = 0;
for (const m of sub.messages) {
  const e = JSON.parse(m.payload);
  if (e.kind !== 'segment') continue;
  const u = ends.find((x) => Math.abs(e.end_s - x.endS) < 0.6);
  if (!u) {
    unmatched++;
    continue;
  }
  latencies.push(m.at - (await u.writtenAt));
  // The last sample of the frame that closed the segment, in stream samples.
  const closeSample = Math.round((e.end_s + closeAfterEndS) * SR);
  const closedAt = feeder.writtenAt(closeSample - 1);
  if (closedAt !== undefined) fromClose.push(m.at - closedAt);
}

// Continuous speech: the clips back to back, no pauses beyond espeak-ng's own.
let queued = 0;
let lastSample = 0;
while (queued < phaseS * SR) {
  const clip = clips[queued % clips.length];
  lastSample = feeder.play(clip) + clip.length - 1;
  queued += clip.length;
}
await new Promise((r) => setTimeout(r, 2000));
loads.push(`continuous start ${load()}`);
results['continuous speech'] = await sample(pid, (phaseS - 4) * 1000);
loads.push(`continuous end ${load()}`);
await feeder.whenWritten(lastSample);

const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
const classifyMs = (metric('emotiond_classify_seconds_sum') / metric('emotiond_classify_seconds_count')) * 1000;
const labelled = (name: string, label: string) => Number(new RegExp(`^${name}\\{[^}]*${label}[^}]*\\} (\\S+)$`, 'm').exec(metrics)?.[1] ?? 0);
const mib = (name: string) => (metric(name) / 2 ** 20).toFixed(1);
const memory = `RSS ${mib('process_resident_memory_bytes')} MiB, of which V8 heap ${mib('nodejs_heap_size_total_bytes')} MiB (used ${mib('nodejs_heap_size_used_bytes')}), outside the heap ${mib('nodejs_external_memory_bytes')} MiB`;
const speculation = `${labelled('emotiond_speculations_total', 'outcome="used"')} used, ${labelled('emotiond_speculations_total', 'outcome="void"')} void`;
d.child.kill('SIGTERM');
const code = await d.exited;
feeder.stop();
await sub.close();
await broker.stop();

latencies.sort((a, b) => a - b);
fromClose.sort((a, b) => a - b);
const ms = (x: number) => x.toFixed(0);
const row = (xs: number[]) => `| ${ms(percentile(xs, 50))} ms | ${ms(percentile(xs, 95))} ms | ${ms(percentile(xs, 99))} ms | ${ms(xs[0])} ms | ${ms(xs[xs.length - 1])} ms |`;
console.log(`\nmachine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, node ${process.version}; VAD ${engine}, hangover ${hangoverS} s, padding ${paddingS} s; daemon exit ${code}`);
console.log(`the daemon ran ${d.err.includes('running under tsx') ? 'under tsx (it could not be bundled)' : 'bundled'}, node options ${deployedRuntime().nodeArgs.join(' ')}, nice ${nice}; load average (1, 5, 15 min) at phase bounds:\n  ${loads.join('\n  ')}`);
console.log(`\n${latencies.length} of ${utterances} utterances matched, ${unmatched} other segments\n`);
console.log('| from | p50 | p95 | p99 | min | max |\n|---|---:|---:|---:|---:|---:|');
console.log(`| (a) the VAD's end-of-speech decision (segment closed) ${row(fromClose)}`);
console.log(`| (b) the last sample of speech (adds the hangover) ${row(latencies)}`);
console.log(`slowest from the decision: ${fromClose.slice(-3).map(ms).join(', ')} ms`);
console.log(`\nfeatures + model per segment or window: ${classifyMs.toFixed(1)} ms on average (/metrics); classified during the hangover: ${speculation}`);
console.log(`memory at the end: ${memory}`);
console.log('\n| phase | CPU (% of one core) | RSS (MiB, max) |\n|---|---:|---:|');
for (const [k, w] of Object.entries(results)) console.log(`| ${k} | ${w.cpuPercent.toFixed(1)} | ${w.rssMiB.toFixed(0)} |`);
