// The short variant of the hostile-conditions suite (`npm run torture` runs the full one):
// a few hundred seeded inputs per fuzzer, 0 crashes and 0 hangs. The seeds are those of
// the full run, so these inputs are its first ones.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAudioBytes } from '../../daemon/audio/decode.ts';
import { EmotiondError } from '../../daemon/core/errors.ts';
import { riff, chunk } from '../unit/audio/wav-bytes.ts';
import { fuzzAudio } from './fuzz-audio.ts';
import { fuzzCommands } from './fuzz-commands.ts';
import { fuzzConfig } from './fuzz-config.ts';
import type { FuzzReport } from './fuzz-report.ts';

const clean = (r: FuzzReport) => {
  assert.is(r.crashes, 0, r.failures.join('\n'));
  assert.is(r.hangs, 0, r.failures.join('\n'));
  assert.ok(r.rejected > 0 && r.accepted > 0, `both kinds of input were tried: ${JSON.stringify(r)}`);
};

test('audio: 1,000 mutated WAV/FLAC files and random bytes', async () => clean(await fuzzAudio(1000)));
test('config: 300 mutated YAML files with environment overrides, no secret in any message', async () => clean(await fuzzConfig(300)));
test('MQTT set payloads: 3,000', async () => clean(await fuzzCommands(3000)));

test('found by the fuzzer: a RIFF type with control bytes is shown escaped, on one line', async () => {
  const bytes = riff([chunk('fmt ', new Uint8Array(16))]);
  bytes.set([0x0a, 0x60, 0xb2, 0x51], 8);
  try {
    await decodeAudioBytes(bytes, 'x.wav');
    assert.unreachable('a RIFF file that is not WAVE is refused');
  } catch (err) {
    assert.instance(err, EmotiondError);
    assert.not.match((err as Error).message, /\n/);
    assert.match((err as Error).message, /type '\\x0a`\\xb2Q'/);
  }
});

test.run();
