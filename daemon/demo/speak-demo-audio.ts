// Makes the demo's audio with espeak-ng: a few sentences in contrasting voices
// (slow and low, fast and high, loud, soft), so the daemon has real speech to hear
// on a machine with no microphone. Nothing here comes from the training corpora.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmotiondError } from '../core/errors.ts';

const LINES: { text: string; args: string[] }[] = [
  { text: 'Good morning. The weather is quiet today, and nothing much is happening.', args: ['-s', '140', '-p', '40'] },
  { text: 'I cannot believe you did that again! This is completely unacceptable!', args: ['-s', '210', '-p', '70', '-a', '200'] },
  { text: 'Oh, that is wonderful news, I am so happy for you!', args: ['-s', '190', '-p', '85'] },
  { text: 'I miss the old days. Everything seems so far away now.', args: ['-s', '110', '-p', '25', '-a', '60'] },
];

export function speakDemoAudio(dir = mkdtempSync(join(tmpdir(), 'emotiond-demo-'))): string {
  LINES.forEach((line, i) => {
    const out = join(dir, `utterance-${i + 1}.wav`);
    const r = spawnSync('espeak-ng', ['-v', 'en-us', ...line.args, '-w', out, line.text], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new EmotiondError(
        'AUDIO_IO',
        `espeak-ng could not make the demo audio (${r.error?.message ?? r.stderr.trim()}): ` +
          'run scripts/setup.sh first, or pass your own WAV/FLAC files to the demo',
      );
    }
  });
  return dir;
}
