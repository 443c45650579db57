// PortAudio capture for real, without a sound card: ALSA's `file` plugin serves capture from
// a raw s16le file we write (see STACK.md in the shared folder, "PortAudio"). Each capture runs in a
// child process with HOME pointing at a folder whose .asoundrc sets that up.
// The plugin's null device has no clock: data comes far faster than real time and goes on
// past the file's end, so the checks compare only the start of what arrives.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resample } from '../../../daemon/audio/resample.ts';
import type { PortAudioSourceOptions } from '../../../daemon/audio/portaudio-source.ts';
import { repoRoot, skipVisibly, tempDir } from './audio-test-kit.ts';
import { seededInts, sineInts } from './wav-bytes.ts';

function libasoundPresent(): boolean {
  const dirs = ['/usr/lib', '/usr/lib64', '/lib', '/lib64'].flatMap((d) => {
    if (!existsSync(d)) return [];
    return [d, ...readdirSync(d).filter((n) => n.endsWith('-linux-gnu')).map((n) => join(d, n))];
  });
  return dirs.some((d) => existsSync(join(d, 'libasound.so.2')));
}

const missing =
  process.platform !== 'linux' ? 'not Linux'
  : !existsSync('/usr/share/alsa/alsa.conf') ? '/usr/share/alsa is missing'
  : !libasoundPresent() ? 'libasound.so.2 is missing'
  : !existsSync(join(repoRoot, 'node_modules/naudiodon/build/Release/naudiodon.node')) ? 'naudiodon is not built'
  : null;

interface ChildResult {
  devices: { id: number; name: string; maxInputChannels: number; defaultSampleRate: number }[];
  startError: null | { code: string; message: string };
  samples: number[];
  starts: number[];
  sizes: number[];
  errors: string[];
}

const child = fileURLToPath(new URL('./portaudio-child.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** An ALSA setup whose default capture device reads `infile`; returns the HOME to use. */
function alsaHome(infile: string): string {
  const home = tempDir('alsa');
  writeFileSync(join(home, '.asoundrc'), `pcm.!default { type file; slave.pcm "null"; file "/dev/null"; infile "${infile}"; format "raw" }\n`);
  return home;
}

function rawS16(frames: number[][]): Uint8Array {
  const out = new Uint8Array(frames[0].length * frames.length * 2);
  const v = new DataView(out.buffer);
  for (let i = 0, o = 0; i < frames[0].length; i++) for (const ch of frames) (v.setInt16(o, ch[i], true), (o += 2));
  return out;
}

/** Runs the child; `onLine` sees its stdout lines as they come (to act on "ERROR ..."). */
function capture(home: string, options: PortAudioSourceOptions, samples: number, onLine?: (line: string) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const arg = JSON.stringify({ options, samples, timeoutMs: 20_000 });
    // cwd = the temp HOME: naudiodon's segfault handler writes crash.log into the working directory.
    const p = spawn(process.execPath, ['--import', tsx, child, arg], { cwd: home, env: { ...process.env, HOME: home } });
    const killer = setTimeout(() => p.kill('SIGKILL'), 40_000);
    let out = '';
    let err = '';
    let pending = '';
    p.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onLine?.(l);
    });
    p.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    p.on('close', (code, signal) => {
      clearTimeout(killer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) return reject(new Error(`capture child exited (${code ?? signal}) without a result:\n${out}\n${err.split('\n').filter((l) => !l.startsWith('ALSA lib')).join('\n')}`));
      try {
        resolve(JSON.parse(line.slice(7)) as ChildResult);
      } catch (e) {
        reject(new Error(`capture child printed a broken result (${String(e)}): ${line.slice(0, 200)}...`));
      }
    });
  });
}

if (missing) {
  skipVisibly('PortAudio capture through the ALSA file plugin (4 tests)', missing);
} else {
  test('16 kHz mono: the samples delivered are the file\'s, in 32 ms chunks (one Silero frame); listDevices sees the device', async () => {
    const dir = tempDir('pa-mono');
    const ints = seededInts(32000, -32768, 32767, 31);
    const infile = join(dir, 'in.raw');
    writeFileSync(infile, rawS16([ints]));
    const r = await capture(alsaHome(infile), { sampleRate: 16000, channels: 1 }, 16000);
    assert.is(r.startError, null);
    assert.equal(r.errors, []);
    const dev = r.devices.find((d) => d.name === 'default');
    assert.ok(dev && dev.maxInputChannels > 0 && dev.defaultSampleRate > 0, JSON.stringify(r.devices));
    assert.is(r.samples.length, 16000);
    assert.equal(r.samples, ints.slice(0, 16000).map((x) => x / 32768));
    assert.ok(r.sizes.slice(0, -1).every((n) => n === 512), 'whole chunks of 512 samples');
    r.starts.forEach((s, i) => assert.ok(Math.abs(s - i * 0.032) < 1e-9, `chunk ${i} starts at ${s}`));
  });

  test('48 kHz stereo, device picked by a name substring: mixed down and resampled to 16 kHz', async () => {
    const dir = tempDir('pa-stereo');
    const left = sineInts(48000, 440, 48000, 0.5);
    const right = seededInts(48000, -8000, 8000, 32);
    const infile = join(dir, 'in.raw');
    writeFileSync(infile, rawS16([left, right]));
    const r = await capture(alsaHome(infile), { device: 'DEFAU', sampleRate: 48000, channels: 2 }, 8000);
    assert.is(r.startError, null);
    const mono = Float32Array.from(left, (l, i) => (l + right[i]) / 65536);
    const want = resample(mono, 48000, 16000);
    assert.is(r.samples.length, 8000);
    for (let i = 0; i < 8000; i++) {
      if (Math.abs(r.samples[i] - want[i]) > 1e-5) assert.unreachable(`sample ${i}: ${r.samples[i]} vs ${want[i]}`);
    }
  });

  test('a device that is not there: start() fails with a DEVICE error listing what exists', async () => {
    const dir = tempDir('pa-none');
    const infile = join(dir, 'in.raw');
    writeFileSync(infile, rawS16([[1, 2, 3, 4]]));
    const r = await capture(alsaHome(infile), { device: 'no such microphone' }, 100);
    assert.is(r.startError?.code, 'DEVICE');
    assert.match(r.startError?.message ?? '', /no input device matches 'no such microphone' \(input devices: #\d+ 'default'/);
  });

  test('waitForDevice: open failures are reported and retried with backoff until the device appears', async () => {
    const dir = tempDir('pa-wait');
    const infile = join(dir, 'in.raw'); // absent at first: ALSA then offers no capture device
    const ints = seededInts(16000, -32768, 32767, 33);
    let written = false;
    const r = await capture(alsaHome(infile), { sampleRate: 16000, channels: 1, waitForDevice: true, reopenMinMs: 100, reopenMaxMs: 400 }, 3200, (line) => {
      if (line.startsWith('ERROR ') && !written) {
        written = true;
        // Late enough that at least one retry fails too.
        setTimeout(() => writeFileSync(infile, rawS16([ints])), 400);
      }
    });
    assert.is(r.startError, null);
    assert.ok(r.errors.length >= 2, `errors: ${JSON.stringify(r.errors)}`);
    assert.match(r.errors[0], /no default input device.*reopening in 0\.1 s/);
    assert.match(r.errors[1], /reopening in 0\.2 s/);
    assert.equal(r.samples, ints.slice(0, 3200).map((x) => x / 32768));
    // Stream time skipped the outage: the first chunk starts when audio first arrived.
    assert.ok(r.starts[0] > 0.3, `first chunk at ${r.starts[0]} s`);
  });
}

test.run();
