// A looped replay must release each decoded file once it has played: a replay daemon runs
// for days. (A race against a stop promise that never settles used to keep every decoded
// file reachable: ~64 KB per second of audio.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FileSource } from '../../../daemon/audio/file-source.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import type { DecodedAudio } from '../../../daemon/core/types.ts';
import { forceGc } from '../../helpers/force-gc.ts';
import { tempDir } from './audio-test-kit.ts';
import { pcmWav, seededInts } from './wav-bytes.ts';

const dir = tempDir('file-source-loop');
const file = join(dir, 'a.wav');
writeFileSync(file, pcmWav([seededInts(8000, -20000, 20000, 5)], 's16', 16000));

test('loop: the decoded audio of earlier rounds is garbage once played', async () => {
  const decoded: WeakRef<DecodedAudio>[] = [];
  const decode = async (path: string): Promise<DecodedAudio> => {
    const audio = await decodeAudioFile(path);
    decoded.push(new WeakRef(audio));
    return audio;
  };
  const src = new FileSource({ path: file, speed: 0, loop: true, decode });
  await new Promise<void>((resolve, reject) => {
    src.start({ onChunk: () => void (decoded.length >= 12 && resolve()), onError: reject }).catch(reject);
  });
  // Checked while it still plays: stopping would release whatever the loop holds anyway.
  await forceGc();
  // The round playing and the one decoded ahead are in use; the first ten must be gone.
  const alive = decoded.slice(0, 10).filter((r) => r.deref() !== undefined).length;
  await src.stop();
  assert.is(alive, 0, `${alive} of the first 10 decoded rounds are still reachable`);
});

test.run();
