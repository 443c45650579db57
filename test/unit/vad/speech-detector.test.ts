// The speech detector driven by the energy scorer: pure, synthetic audio, no I/O.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EnergyScorer } from '../../../daemon/vad/energy-scorer.ts';
import { detectorFor, type VadSettings } from '../../../daemon/vad/create-detector.ts';
import { segmentSpeech, type SpeechDetector } from '../../../daemon/vad/speech-detector.ts';
import type { SpeechSegment } from '../../../daemon/core/types.ts';
import { SR, signal } from './vad-signal.ts';

const OPT: VadSettings = {
  engine: 'energy', threshold: 0.5, neg_threshold: 0.35, gate_dbfs: -65,
  threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.2, max_speech_s: 8, hangover_s: 0.3, padding_s: 0.1,
  window_s: 0, hop_s: 2,
};
const detector = (o: Partial<VadSettings> = {}): SpeechDetector => detectorFor(new EnergyScorer({ ...OPT, ...o }), { ...OPT, ...o });
const whole = async (x: Float32Array, o: Partial<VadSettings> = {}) => (await segmentSpeech(x, detector(o))).filter((s) => !s.partial);

test('finds each burst as one segment, with padding, in order', async () => {
  const segs = await whole(signal(6, [[1, 2], [3, 3.8], [4.5, 5.5]]));
  assert.is(segs.length, 3);
  const expected = [[1, 2], [3, 3.8], [4.5, 5.5]];
  segs.forEach((s, i) => {
    assert.ok(Math.abs(s.startS - (expected[i][0] - 0.1)) < 0.05, `start ${s.startS}`);
    assert.ok(Math.abs(s.endS - (expected[i][1] + 0.1)) < 0.05, `end ${s.endS}`);
    assert.is(s.samples.length, Math.round((s.endS - s.startS) * SR));
  });
});

test('silence and pure noise give no segment', async () => {
  assert.is((await whole(new Float32Array(SR * 3))).length, 0);
  assert.is((await whole(signal(3, []))).length, 0);
});

test('a click shorter than min_speech_s is dropped', async () => {
  assert.is((await whole(signal(3, [[1, 1.05]]))).length, 0);
});

test('long speech is cut at max_speech_s', async () => {
  const segs = await whole(signal(12, [[0.5, 11.5]]), { max_speech_s: 4 });
  assert.ok(segs.length >= 3, `got ${segs.length}`);
  for (const s of segs) assert.ok(s.endS - s.startS <= 4.2);
  for (let i = 1; i < segs.length; i++) assert.ok(segs[i].startS >= segs[i - 1].endS - 1e-6);
});

test('long speech gets sliding windows every hop_s over the last window_s, then its whole segment', async () => {
  const all = await segmentSpeech(signal(12, [[0.5, 10.5]]), detector({ window_s: 4, hop_s: 2, max_speech_s: 30 }));
  const windows = all.filter((s) => s.partial);
  const segs = all.filter((s) => !s.partial);
  assert.is(segs.length, 1);
  // Speech of ~10.2 s (with padding): windows end at 4, 6, 8 and 10 s after the onset.
  assert.is(windows.length, 4, windows.map((w) => `${w.startS.toFixed(2)}-${w.endS.toFixed(2)}`).join(' '));
  for (const w of windows) {
    assert.ok(Math.abs(w.endS - w.startS - 4) < 1e-6, 'each window is window_s long');
    assert.is(w.samples.length, 4 * SR);
    assert.ok(w.startS >= segs[0].startS - 1e-6 && w.endS <= segs[0].endS + 1e-6, 'inside the segment');
  }
  for (let i = 1; i < windows.length; i++) assert.ok(Math.abs(windows[i].endS - windows[i - 1].endS - 2) < 1e-6, 'hop_s apart');
  assert.ok(all.indexOf(segs[0]) === all.length - 1, 'the whole segment comes last');
});

test('short speech gets no window', async () => {
  const all = await segmentSpeech(signal(6, [[1, 3]]), detector({ window_s: 4, hop_s: 2 }));
  assert.is(all.length, 1);
  assert.not.ok(all[0].partial);
});

test('streaming in odd chunk sizes equals the batch path', async () => {
  const x = signal(6, [[1, 2], [3, 3.8]]);
  const d = detector();
  const got: SpeechSegment[] = [];
  for (let i = 0, n = 1; i < x.length; i += n, n = (n * 7 + 13) % 997 + 1) {
    got.push(...(await d.push({ samples: x.subarray(i, Math.min(x.length, i + n)), startS: i / SR })));
  }
  got.push(...d.flush());
  const batch = await whole(x);
  assert.is(got.length, batch.length);
  got.forEach((s, i) => {
    assert.ok(Math.abs(s.startS - batch[i].startS) < 1e-6);
    assert.equal(Array.from(s.samples.subarray(0, 50)), Array.from(batch[i].samples.subarray(0, 50)));
  });
});

test('a jump in stream time closes the open segment at the hole', async () => {
  const x = signal(2, [[0.5, 2]]);
  const d = detector();
  const first = await d.push({ samples: x, startS: 0 });
  assert.is(first.length, 0, 'still speaking at the end of the first part');
  // 10 s later (a capture outage), speech again.
  const after = await d.push({ samples: x, startS: 12 });
  assert.is(after.length, 1);
  assert.ok(after[0].endS <= 2.01, `closed at the hole: ends ${after[0].endS}`);
});

test('discard() forgets an open segment (muting)', async () => {
  const x = signal(2, [[0.5, 2]]);
  const d = detector();
  await d.push({ samples: x, startS: 0 });
  d.discard();
  assert.equal(d.flush(), []);
});

test('hysteresis: scores between the thresholds continue speech but do not start it', async () => {
  const scores = [0, 0, 0.4, 0.4, 0.4, 0.9, 0.9, 0.9, 0.4, 0.4, 0.4, 0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
  let i = 0;
  const scorer = { engine: 'silero' as const, frameSamples: 1600, score: () => scores[i++] ?? 0, reset() {}, async dispose() {} };
  const d = detectorFor(scorer, { ...OPT, engine: 'silero', threshold: 0.5, neg_threshold: 0.3, hangover_s: 0.2, padding_s: 0, min_speech_s: 0.1 });
  const segs = await segmentSpeech(new Float32Array(scores.length * 1600), d);
  assert.is(segs.length, 1);
  // Opens at frame 5 (the first 0.9), holds through the 0.4s, ends after two 0.1 frames.
  assert.ok(Math.abs(segs[0].startS - 0.5) < 1e-6, `start ${segs[0].startS}`);
  assert.ok(Math.abs(segs[0].endS - 1.2) < 1e-6, `end ${segs[0].endS}`);
});

test('NaN samples do not open or break segments', async () => {
  const x = signal(3, [[1, 2]]);
  for (let i = 0; i < 8000; i++) x[i] = NaN;
  assert.is((await whole(x)).length, 1);
});

test.run();
