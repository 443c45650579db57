// What the capture path alone costs in daemon-latency.ts's setup: a process that does nothing
// but PortAudio capture (through ALSA's file plugin, from a pipe fed at real-time pace),
// measured like the daemon. The daemon's idle figures are read against this.
// Usage: npx tsx bench/capture-baseline.ts [seconds=20]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FifoFeeder, alsaFifoHome } from '../test/helpers/fifo-capture.ts';
import { sample } from './proc-stats.ts';

const seconds = Number(process.argv[2] ?? 20);
const tmp = mkdtempSync(join(tmpdir(), 'emotiond-capture-'));
const feeder = new FifoFeeder(join(tmp, 'capture.fifo'), 1);
alsaFifoHome(tmp, feeder.path);
const source = fileURLToPath(new URL('../daemon/audio/portaudio-source.ts', import.meta.url));
const script = `
const { PortAudioSource } = await import(${JSON.stringify(source)});
const s = new PortAudioSource({ sampleRate: 16000, channels: 1 });
await s.start({ onChunk: () => {} });
console.log('started');`;
const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { cwd: tmp, env: { ...process.env, HOME: tmp }, stdio: ['ignore', 'pipe', 'ignore'] });
await new Promise((r) => child.stdout.on('data', (d) => String(d).includes('started') && r(0)));
feeder.start();
await new Promise((r) => setTimeout(r, 2000));
const w = await sample(child.pid!, seconds * 1000);
child.kill();
feeder.stop();
console.log(`capture only: CPU ${w.cpuPercent.toFixed(1)}% of one core, RSS ${w.rssMiB.toFixed(0)} MiB (max), over ${w.seconds.toFixed(0)} s`);
