// How short can the VAD's hangover be before utterances are split? Each EmoDB recording is
// one sentence, spoken with the pauses of acted speech; it is segmented by the daemon's VAD
// (Silero by default) with 0.5 s of silence around it, for several hangovers and Silero
// end thresholds. A recording cut into more than one segment is an utterance split: its
// parts would each get an event, classified on less speech.
// Usage: npx tsx bench/daemon-hangover.ts [files=200] [engine=silero]
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../daemon/config/load-config.ts';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { createDetector } from '../daemon/vad/create-detector.ts';
import { segmentSpeech } from '../daemon/vad/speech-detector.ts';
import { ROOT } from '../test/helpers/daemon-process.ts';

const count = Number(process.argv[2] ?? 200);
const engine = (process.argv[3] ?? 'silero') as 'silero' | 'energy';
const dir = join(ROOT, '../shared/datasets/emodb/wav');
const files = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().slice(0, count);
const pad = new Float32Array(8000);
const clips = await Promise.all(
  files.map(async (f) => {
    const x = (await decodeAudioFile(join(dir, f))).samples;
    const out = new Float32Array(x.length + 2 * pad.length);
    out.set(x, pad.length);
    return out;
  }),
);
const base = loadConfig(undefined).vad;
console.log(`${clips.length} EmoDB recordings, VAD ${engine}, padding ${base.padding_s} s, min speech ${base.min_speech_s} s\n`);
console.log('| hangover | neg_threshold | recordings split | segments | no segment |\n|---:|---:|---:|---:|---:|');
for (const neg of engine === 'silero' ? [0.35, 0.2] : [base.neg_threshold]) {
  for (const hang of [0.1, 0.15, 0.2, 0.25, 0.3]) {
    let split = 0;
    let segments = 0;
    let none = 0;
    for (const clip of clips) {
      const { detector } = await createDetector({ ...base, engine, hangover_s: hang, neg_threshold: neg });
      // Sliding windows over long speech are not segments.
      const segs = (await segmentSpeech(clip, detector)).filter((s) => !s.partial);
      await detector.scorer.dispose();
      segments += segs.length;
      if (segs.length > 1) split++;
      if (segs.length === 0) none++;
    }
    console.log(`| ${hang} s | ${engine === 'silero' ? neg : '-'} | ${split} (${((split / clips.length) * 100).toFixed(0)}%) | ${segments} | ${none} |`);
  }
}
