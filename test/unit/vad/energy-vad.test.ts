import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EnergyVad, segmentSpeech } from '../../../daemon/vad/energy-vad.ts';

const OPT = { threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.2, max_speech_s: 8, hangover_s: 0.3, padding_s: 0.1 };
const SR = 16000;

// Seeded noise so the signal is the same on every run.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
}

/** Quiet noise with voiced-like bursts (a 150 Hz harmonic tone) at the given spans. */
function signal(totalS: number, bursts: [number, number][]): Float32Array {
  const r = rng(7);
  const x = new Float32Array(Math.round(totalS * SR));
  for (let i = 0; i < x.length; i++) x[i] = 0.001 * r();
  for (const [a, b] of bursts) {
    for (let i = Math.round(a * SR); i < Math.round(b * SR); i++) {
      const t = i / SR;
      x[i] += 0.2 * Math.sin(2 * Math.PI * 150 * t) + 0.1 * Math.sin(2 * Math.PI * 300 * t);
    }
  }
  return x;
}

test('finds each burst as one segment, with padding, in order', () => {
  const segs = segmentSpeech(signal(6, [[1, 2], [3, 3.8], [4.5, 5.5]]), OPT);
  assert.is(segs.length, 3);
  const expected = [[1, 2], [3, 3.8], [4.5, 5.5]];
  segs.forEach((s, i) => {
    assert.ok(Math.abs(s.startS - (expected[i][0] - 0.1)) < 0.05, `start ${s.startS}`);
    assert.ok(Math.abs(s.endS - (expected[i][1] + 0.1)) < 0.05, `end ${s.endS}`);
    assert.is(s.samples.length, Math.round((s.endS - s.startS) * SR));
  });
});

test('silence and pure noise give no segment', () => {
  assert.is(segmentSpeech(new Float32Array(SR * 3), OPT).length, 0);
  assert.is(segmentSpeech(signal(3, []), OPT).length, 0);
});

test('a click shorter than min_speech_s is dropped', () => {
  assert.is(segmentSpeech(signal(3, [[1, 1.05]]), OPT).length, 0);
});

test('long speech is cut at max_speech_s', () => {
  const segs = segmentSpeech(signal(12, [[0.5, 11.5]]), { ...OPT, max_speech_s: 4 });
  assert.ok(segs.length >= 3, `got ${segs.length}`);
  for (const s of segs) assert.ok(s.endS - s.startS <= 4.2);
  for (let i = 1; i < segs.length; i++) assert.ok(segs[i].startS >= segs[i - 1].endS - 1e-6);
});

test('streaming in odd chunk sizes equals the batch path', () => {
  const x = signal(6, [[1, 2], [3, 3.8]]);
  const vad = new EnergyVad(OPT);
  const got = [];
  for (let i = 0, n = 1; i < x.length; i += n, n = (n * 7 + 13) % 997 + 1) {
    got.push(...vad.push({ samples: x.subarray(i, Math.min(x.length, i + n)), startS: i / SR }));
  }
  got.push(...vad.flush());
  const batch = segmentSpeech(x, OPT);
  assert.is(got.length, batch.length);
  got.forEach((s, i) => {
    assert.ok(Math.abs(s.startS - batch[i].startS) < 1e-6);
    assert.equal(Array.from(s.samples.subarray(0, 50)), Array.from(batch[i].samples.subarray(0, 50)));
  });
});

test('NaN samples do not open or break segments', () => {
  const x = signal(3, [[1, 2]]);
  for (let i = 0; i < 8000; i++) x[i] = NaN;
  const segs = segmentSpeech(x, OPT);
  assert.is(segs.length, 1);
});

test.run();
