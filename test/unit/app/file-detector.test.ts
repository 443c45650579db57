// The batch path's detector is reused file after file (file-detector.ts): a file's speech
// segments must not depend on what the detector heard before it, even when the previous
// file ended in the middle of speech (Silero's recurrent state, the segmenter's open
// segment, the energy detector's noise floor): the same segments as a fresh detector's.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FileDetector } from '../../../daemon/app/file-detector.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import type { SpeechSegment } from '../../../daemon/core/types.ts';
import { SILERO_BATCH } from '../vad/vad-signal.ts';
import { hasEspeak, speakSentences } from '../../fixtures/speech.ts';

const VAD = SILERO_BATCH;
const withEspeak = hasEspeak() ? test : test.skip;
if (!hasEspeak()) console.log('  SKIPPED: espeak-ng is not installed (file detector tests)');

const brief = (s: SpeechSegment[]) => s.map((x) => ({ startS: x.startS, endS: x.endS, n: x.samples.length, sum: x.samples.reduce((a, b) => a + b, 0) }));

function fromFirstSound(x: Float32Array): Float32Array {
  const i = x.findIndex((v) => Math.abs(v) > 0.01);
  return x.subarray(Math.max(0, i));
}

for (const engine of ['silero', 'energy'] as const) {
  withEspeak(`${engine}: a file's segments are those of a fresh detector, whatever came before`, async () => {
    // Each sentence starts right at its speech, so that frames left over from the file
    // before would show up as leading context.
    const files = (await Promise.all(speakSentences().files.map(async (f) => (await decodeAudioFile(f)).samples))).map(fromFirstSound);
    assert.ok(files.length >= 2);
    const fail = (m: string) => assert.unreachable(m);
    const fresh: SpeechSegment[][] = [];
    for (const x of files) {
      const d = await FileDetector.create({ ...VAD, engine }, fail);
      fresh.push(await d.segments(x));
      await d.dispose();
    }
    assert.ok(fresh.every((s) => s.length >= 1), 'every sentence has speech');
    const reused = await FileDetector.create({ ...VAD, engine }, fail);
    try {
      for (const [i, x] of files.entries()) {
        // The previous "file": a loud one cut off in the middle of its speech.
        const prev = files[(i + 1) % files.length];
        await reused.segments(prev.map((v) => v * 3).subarray(0, Math.floor(prev.length * 0.6)));
        assert.equal(brief(await reused.segments(x)), brief(fresh[i]), `sentence ${i}`);
      }
    } finally {
      await reused.dispose();
    }
  });
}

for (const engine of ['silero', 'energy'] as const) {
  withEspeak(`${engine}: hasSpeech (which stops at the first words) answers as segments() does`, async () => {
    const speech = (await Promise.all(speakSentences().files.map(async (f) => (await decodeAudioFile(f)).samples)));
    const SR = 16000;
    const rng = (() => { let s = 7; return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5; })();
    const cat = (...parts: Float32Array[]) => { const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0)); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out; };
    const tone = (s: number) => Float32Array.from({ length: Math.round(s * SR) }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 180 * i) / SR));
    const signals: [string, Float32Array][] = [
      ...speech.map((x, i) => [`sentence ${i}`, x] as [string, Float32Array]),
      ['silence', new Float32Array(3 * SR)],
      ['quiet noise', Float32Array.from({ length: 3 * SR }, () => 0.001 * rng())],
      ['a 0.15 s blip', cat(new Float32Array(SR), tone(0.15), new Float32Array(SR))],
      ['speech after 20 s of silence', cat(new Float32Array(20 * SR), speech[0])],
      ['speech cut off at its start', speech[0].subarray(0, Math.round(0.3 * SR))],
      ['a few samples', speech[0].subarray(0, 100)],
      ['nothing', new Float32Array(0)],
    ];
    const d = await FileDetector.create({ ...VAD, engine }, (m) => assert.unreachable(m));
    try {
      let withSpeech = 0;
      for (const [name, x] of signals) {
        const want = (await d.segments(x)).length > 0;
        assert.is(await d.hasSpeech(x), want, name);
        if (want) withSpeech++;
      }
      // Both answers occur, so the comparison means something.
      assert.ok(withSpeech >= speech.length && withSpeech < signals.length, `${withSpeech} of ${signals.length} with speech`);
    } finally {
      await d.dispose();
    }
  });
}

test.run();
