// `emotiond devices` and `emotiond run` on a machine where PortAudio finds no microphone:
// one line naming the problem (no ALSA chatter before it) and a non-zero exit. ALSA's file
// plugin plays the microphone: with its infile absent it offers no capture device, with it
// present one (see STACK.md in the shared folder, "PortAudio").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/daemon-process.ts';
import { tempDir } from '../unit/audio/audio-test-kit.ts';

/** A real sound card would be a capture device whatever .asoundrc says. */
function hasSoundCard(): boolean {
  try {
    return !/no soundcards/.test(readFileSync('/proc/asound/cards', 'utf8'));
  } catch {
    return false; // no /proc/asound: no ALSA driver loaded, no card
  }
}

const missing = [
  process.platform !== 'linux' && 'Linux',
  !existsSync('/usr/share/alsa/alsa.conf') && 'ALSA (libasound2)',
  !existsSync(join(ROOT, 'node_modules/naudiodon/build/Release/naudiodon.node')) && 'naudiodon build',
  hasSoundCard() && 'a machine without a sound card (this one has one)',
].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`  SKIPPED: no capture device (missing ${missing.join(', ')})`);

/** A HOME whose ALSA default device captures from `infile` (absent = no capture device). */
function alsaHome(infile: string): string {
  const home = tempDir('nodev');
  writeFileSync(join(home, '.asoundrc'), `pcm.!default { type file; slave.pcm "null"; file "/dev/null"; infile "${infile}"; format "raw" }\n`);
  return home;
}

function emotiond(home: string, args: string[]) {
  // cwd = HOME: naudiodon's segfault handler would write crash.log into the working directory.
  return spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), ...args], {
    cwd: home,
    env: { ...process.env, HOME: home },
    encoding: 'utf8',
    timeout: 60_000, // only against a hang, which fails the test with status null
  });
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

it('devices with no capture device: one line of advice on stderr, exit 1', () => {
  const home = alsaHome(join(tempDir('nodev-in'), 'absent.raw'));
  const r = emotiond(home, ['devices']);
  assert.is(r.status, 1, `status ${r.status}: ${r.stdout}${r.stderr}`);
  assert.equal(lines(r.stderr), [lines(r.stderr)[0]], `one line only:\n${r.stderr}`);
  assert.match(r.stderr, /^emotiond \[DEVICE\]: no capture device found: plug in a microphone/);
  assert.is(r.stdout, '');
});

it('devices with one: listed, exit 0 (the same ALSA setup with its infile present)', () => {
  const infile = join(tempDir('nodev-in'), 'in.raw');
  writeFileSync(infile, new Uint8Array(3200));
  const r = emotiond(alsaHome(infile), ['devices', '--json']);
  assert.is(r.status, 0, r.stderr);
  const devices = JSON.parse(r.stdout) as { name: string }[];
  assert.ok(devices.some((d) => d.name === 'default'), r.stdout);
  assert.not.match(r.stderr, /ALSA lib/, 'ALSA chatter stays off stderr');
});

it('run with no capture device: one line naming the device problem, exit 1, nothing started', () => {
  const home = alsaHome(join(tempDir('nodev-in'), 'absent.raw'));
  const cfg = join(home, 'emotiond.yaml');
  writeFileSync(cfg, `state_dir: ${JSON.stringify(join(home, 'state'))}\nmqtt:\n  embedded_port: 0\nhttp:\n  enabled: false\n`);
  const r = emotiond(home, ['run', '--config', cfg]);
  assert.is(r.status, 1, `status ${r.status}: ${r.stderr}`);
  assert.equal(lines(r.stderr), [lines(r.stderr)[0]], `one line only:\n${r.stderr}`);
  assert.match(r.stderr, /^emotiond \[DEVICE\]: cannot capture audio: no default input device \(no input device is present: plug in a microphone/);
  assert.is(r.stdout, '');
});

test.run();
