// SegmentAudio (segmenter.ts): the samples told as they become certain are exactly those of
// every segment the VAD hands out, closed or provisional, in order; dropped segments (too
// short, muted) are closed unkept; long speech cut at max_speech_s goes on in a new segment.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EnergyScorer } from '../../../daemon/vad/energy-scorer.ts';
import { detectorFor, type VadSettings } from '../../../daemon/vad/create-detector.ts';
import type { SegmentAudio, VadSegment } from '../../../daemon/vad/segmenter.ts';
import { SR, rng, signal } from './vad-signal.ts';

const OPT: VadSettings = {
  engine: 'energy', threshold: 0.5, neg_threshold: 0.35, gate_dbfs: -65,
  threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.2, max_speech_s: 8, hangover_s: 0.3, padding_s: 0.1,
  window_s: 0, hop_s: 2,
};

/** Records what SegmentAudio is told: one entry per opened segment. */
class Recorder implements SegmentAudio {
  readonly segments: { startS: number; parts: Float32Array[]; kept?: boolean }[] = [];
  open(startS: number): void {
    const last = this.segments.at(-1);
    assert.ok(!last || last.kept !== undefined, 'a segment opened while another was open');
    this.segments.push({ startS, parts: [] });
  }
  samples(frame: Float32Array): void {
    const last = this.segments.at(-1);
    assert.ok(last && last.kept === undefined, 'samples outside a segment');
    last.parts.push(frame.slice());
  }
  close(kept: boolean): void {
    const last = this.segments.at(-1);
    assert.ok(last && last.kept === undefined, 'close without an open segment');
    last.kept = kept;
  }
  /** What was told of the segment starting at startS, up to now. */
  told(startS: number): Float32Array {
    const s = this.segments.find((x) => x.startS === startS);
    assert.ok(s, `no segment opened at ${startS}`);
    const out = new Float32Array(s.parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of s.parts) out.set(p, (at += p.length) - p.length);
    return out;
  }
}

async function run(x: Float32Array, o: Partial<VadSettings>, chunk: number): Promise<{ rec: Recorder; out: VadSegment[] }> {
  const d = detectorFor(new EnergyScorer({ ...OPT, ...o }), { ...OPT, ...o });
  const rec = new Recorder();
  d.audio = rec;
  d.speculate = true;
  const out: VadSegment[] = [];
  const check = (segs: VadSegment[]) => {
    for (const s of segs) {
      out.push(s);
      if (s.partial) continue;
      // Handed out after the chunk that made it: a closed segment was told exactly its samples;
      // a provisional one, its samples and, if speech resumed later in the chunk, more.
      const told = rec.told(s.startS);
      if (s.provisional) assert.equal(told.subarray(0, s.samples.length), s.samples, `provisional segment at ${s.startS}`);
      else {
        assert.equal(told, s.samples, `closed segment at ${s.startS}`);
        assert.is(rec.segments.find((r) => r.startS === s.startS)!.kept, true);
      }
    }
  };
  for (let at = 0; at < x.length; at += chunk) check(await d.push({ samples: x.subarray(at, at + chunk), startS: at / SR }));
  check(d.flush());
  return { rec, out };
}

test('each closed and provisional segment was told exactly its samples, 512-sample chunks', async () => {
  const { rec, out } = await run(signal(9, [[0.5, 1.5], [1.65, 2.4], [3, 3.05], [4, 5.2], [5.3, 5.35], [6, 8.8]]), {}, 512);
  const closed = out.filter((s) => !s.provisional && !s.partial);
  assert.ok(closed.length >= 3, `${closed.length} segments`);
  assert.ok(out.some((s) => s.provisional), 'provisional segments');
  // The 50 ms click is opened (three speech frames) and dropped.
  assert.ok(rec.segments.some((s) => s.kept === false), 'a dropped segment');
  assert.is(rec.segments.filter((s) => s.kept).length, closed.length);
});

test('speech cut at max_speech_s: the next segment opens with the frames after the cut', async () => {
  const { rec, out } = await run(signal(12, [[0.5, 11.5]]), { max_speech_s: 3 }, 160);
  const closed = out.filter((s) => !s.provisional);
  assert.ok(closed.length >= 3, `${closed.length} segments`);
  for (const s of closed) assert.equal(rec.told(s.startS), s.samples);
});

test('random burst patterns and chunk sizes, sliding windows on: every handed-out segment matches', async () => {
  const r = rng(99);
  for (let trial = 0; trial < 12; trial++) {
    const bursts: [number, number][] = [];
    for (let t = 0.2; t < 9;) {
      const a = t + Math.abs(r()) * 0.8, b = a + 0.03 + Math.abs(r()) * 2.5;
      bursts.push([a, b]);
      t = b + 0.05 + Math.abs(r()) * 0.6;
    }
    const chunk = [1, 160, 512, 3000][trial % 4];
    const x = signal(10, bursts);
    await run(trial % 4 === 0 ? x.subarray(0, 3 * SR) : x, { window_s: 2, hop_s: 1, max_speech_s: 4 }, chunk);
  }
});

test('discard (muting) closes the open segment unkept', async () => {
  const d = detectorFor(new EnergyScorer(OPT), OPT);
  const rec = new Recorder();
  d.audio = rec;
  await d.push({ samples: signal(2, [[0.5, 2]]), startS: 0 });
  d.discard();
  assert.is(rec.segments.length, 1);
  assert.is(rec.segments[0].kept, false);
});

test.run();
