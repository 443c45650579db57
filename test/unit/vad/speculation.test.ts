// Provisional segments (classification during the hangover): the VAD hands one out once a
// segment's samples are final, and the segment that closes after the hangover is the same
// one; speech that resumes makes it void. Then the daemon's side (daemon/app/speculation.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EnergyScorer } from '../../../daemon/vad/energy-scorer.ts';
import { detectorFor, type VadSettings } from '../../../daemon/vad/create-detector.ts';
import type { VadSegment } from '../../../daemon/vad/segmenter.ts';
import { Speculation, type SpeculationOutcome } from '../../../daemon/app/speculation.ts';
import type { SpeechSegment } from '../../../daemon/core/types.ts';
import { signal } from './vad-signal.ts';

const OPT: VadSettings = {
  engine: 'energy', threshold: 0.5, neg_threshold: 0.35, gate_dbfs: -65,
  threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.2, max_speech_s: 8, hangover_s: 0.3, padding_s: 0.1,
  window_s: 0, hop_s: 2,
};

/** Feeds `x` in 32 ms chunks, as live capture does; returns what the detector handed out, in order. */
async function live(x: Float32Array, speculate: boolean): Promise<VadSegment[]> {
  const d = detectorFor(new EnergyScorer(OPT), OPT);
  d.speculate = speculate;
  const out: VadSegment[] = [];
  for (let i = 0; i < x.length; i += 512) out.push(...(await d.push({ samples: x.slice(i, i + 512), startS: i / 16000 })));
  out.push(...d.flush());
  return out;
}

test('a provisional segment precedes each segment, with the same times and samples', async () => {
  const x = signal(5, [[1, 2], [3, 3.8]]);
  const plain = await live(x, false);
  const got = await live(x, true);
  assert.is(plain.length, 2);
  assert.equal(got.map((s) => !!s.provisional), [true, false, true, false]);
  for (let i = 0; i < 2; i++) {
    const [p, f] = [got[2 * i], got[2 * i + 1]];
    assert.is(p.startS, f.startS);
    assert.is(p.endS, f.endS);
    assert.equal(p.samples, f.samples);
    assert.equal(f.samples, plain[i].samples);
    assert.ok(p.closedAtMs <= f.closedAtMs);
  }
});

test('speech that resumes within the hangover: the provisional segment does not match the one that closes', async () => {
  // A 0.2 s pause: longer than the padding (0.1 s), shorter than the hangover (0.3 s).
  const got = await live(signal(4, [[1, 1.6], [1.8, 2.5]]), true);
  const finals = got.filter((s) => !s.provisional);
  assert.is(finals.length, 1, 'one utterance');
  const provisional = got.filter((s) => s.provisional);
  assert.ok(provisional.length >= 2, `got ${provisional.length}`);
  assert.ok(provisional[0].endS < finals[0].endS - 0.5, 'the first guess ended at the pause');
  assert.is(provisional.at(-1)!.endS, finals[0].endS);
});

const seg = (startS: number, endS: number): SpeechSegment => ({ samples: new Float32Array(8), startS, endS, closedAtMs: 0 });

test('Speculation: the guess is used for the same segment only, and counted', async () => {
  const outcomes: SpeculationOutcome[] = [];
  const s = new Speculation<string>((o) => outcomes.push(o));
  const runs: string[] = [];
  const predict = async (x: SpeechSegment) => (runs.push(`${x.startS}`), `p${x.startS}`);
  await s.start(seg(1, 2), Promise.resolve(), predict);
  assert.is(await s.take(seg(1, 2)), 'p1');
  assert.is(s.take(seg(1, 2)), undefined, 'a guess is used once');
  await s.start(seg(3, 4), Promise.resolve(), predict);
  assert.is(s.take(seg(3, 4.5)), undefined, 'other end: void');
  await s.start(seg(5, 6), Promise.resolve(), predict);
  s.clear();
  assert.is(s.take(seg(5, 6)), undefined, 'cleared (muted)');
  assert.equal(outcomes, ['used', 'void', 'void']);
  assert.equal(runs, ['1', '3', '5']);
});

test('Speculation: a failed guess never rejects the chain, and waits for what ran before it', async () => {
  const s = new Speculation<string>();
  const order: string[] = [];
  const before = new Promise<void>((r) => setTimeout(() => (order.push('before'), r()), 20));
  const chain = s.start(seg(1, 2), before, async () => {
    order.push('guess');
    throw new Error('model fault');
  });
  await chain;
  assert.equal(order, ['before', 'guess']);
  const taken = s.take(seg(1, 2));
  assert.ok(taken);
  assert.is(await taken.then(() => 'resolved', (e: Error) => e.message), 'model fault', 'the daemon then classifies the segment itself');
});

test.run();
