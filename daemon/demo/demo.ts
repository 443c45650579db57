// `npm run demo [FILES_OR_FOLDER]`: the whole daemon, end to end, on a machine with no
// microphone and no broker: speech made by espeak-ng (or the given files) is replayed
// at real-time pace, the daemon publishes to its embedded broker, and a separate MQTT
// client subscribes and prints every message that arrives.
import mqtt from 'mqtt';
import { mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { validateConfig } from '../config/load-config.ts';
import { createLogger } from '../log/logger.ts';
import { startDaemon } from '../app/daemon.ts';
import { errorMessage } from '../core/errors.ts';
import { speakDemoAudio } from './speak-demo-audio.ts';

function audioFolder(args: string[]): string {
  if (args.length === 0) return speakDemoAudio();
  if (args.length === 1 && statSync(args[0]).isDirectory()) return resolve(args[0]);
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-demo-'));
  args.forEach((f, i) => copyFileSync(f, join(dir, `${String(i).padStart(3, '0')}-${basename(f)}`)));
  return dir;
}

async function main(): Promise<void> {
  const folder = audioFolder(process.argv.slice(2));
  const config = validateConfig(
    {
      device_id: 'demo',
      // A fresh outbox each run: a demo must not replay what an earlier one left behind.
      state_dir: mkdtempSync(join(tmpdir(), 'emotiond-demo-state-')),
      source: { type: 'file', path: folder, speed: 1, gap_s: 1 },
      mqtt: { url: 'embedded', embedded_port: 0 },
      log: { level: 'info', events_to_stdout: false },
    },
    '(demo)',
  );
  console.log(`demo: replaying ${folder} at real-time pace`);
  const daemon = await startDaemon(config, { log: createLogger('warn') });
  console.log(`demo: daemon up, embedded broker at ${daemon.brokerUrl}; subscribing to emotiond/demo/#\n`);

  // A separate client, as Home Assistant or a dashboard would connect.
  const sub = mqtt.connect(daemon.brokerUrl, { protocolVersion: 4, clientId: 'emotiond-demo-subscriber' });
  sub.on('message', (topic, payload) => {
    const text = payload.toString();
    if (topic.endsWith('/event')) {
      const e = JSON.parse(text);
      const top = Object.entries(e.scores as Record<string, number>)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`)
        .join(', ');
      console.log(
        `[${topic}] ${e.start_s.toFixed(2)}-${e.end_s.toFixed(2)} s  ${e.emotion.padEnd(9)} ` +
          `conf ${e.confidence.toFixed(2)}  arousal ${e.arousal.toFixed(2)}  valence ${e.valence.toFixed(2)}  (${top})`,
      );
      console.log(`    ${text}`);
    } else {
      console.log(`[${topic}] ${text}`);
    }
  });
  await sub.subscribeAsync('emotiond/demo/#', { qos: 1 });
  process.once('SIGINT', () => void daemon.stop('SIGINT'));
  await daemon.done;
  await sub.endAsync();
  console.log(`\ndemo: done: ${daemon.stats.segments} speech segments, ${daemon.stats.events} events published`);
}

main().catch((err) => {
  console.error(`demo: ${errorMessage(err)}`);
  process.exit(1);
});
