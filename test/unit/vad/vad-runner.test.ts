// The VAD runner between capture and the detector: order, a bounded backlog, muting and a
// detector swap, with a scorer that can be made slow on purpose.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EnergyScorer } from '../../../daemon/vad/energy-scorer.ts';
import { detectorFor, type VadSettings } from '../../../daemon/vad/create-detector.ts';
import { VadRunner } from '../../../daemon/vad/vad-runner.ts';
import type { SpeechSegment } from '../../../daemon/core/types.ts';
import { SR, signal } from './vad-signal.ts';

const OPT: VadSettings = {
  engine: 'energy', threshold: 0.5, neg_threshold: 0.35, gate_dbfs: -65,
  threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.2, max_speech_s: 8, hangover_s: 0.3, padding_s: 0.1,
  window_s: 0, hop_s: 2,
};

/** An energy scorer that takes `ms` per frame asynchronously, like a model on a busy CPU. */
function slowScorer(ms: number) {
  const inner = new EnergyScorer(OPT);
  return {
    engine: 'energy' as const,
    frameSamples: inner.frameSamples,
    score: (f: Float32Array) => new Promise<number>((r) => setTimeout(() => r(inner.score(f)), ms)),
    reset: () => inner.reset(),
    dispose: async () => undefined,
  };
}

function feed(runner: VadRunner, x: Float32Array): void {
  for (let i = 0; i < x.length; i += 320) runner.accept({ samples: x.subarray(i, i + 320), startS: i / SR });
}

test('segments come out in order, off the caller; flush closes the last one', async () => {
  const got: SpeechSegment[] = [];
  const runner = new VadRunner(detectorFor(new EnergyScorer(OPT), OPT), { maxBacklogS: 60, onSegment: (s) => got.push(s), onError: (e) => { throw e; } });
  feed(runner, signal(5, [[1, 2], [3, 5]]));
  assert.is(got.length, 0, 'nothing is processed synchronously in accept()');
  await runner.flush();
  assert.is(got.length, 2);
  assert.ok(got[0].endS <= got[1].startS);
});

test('a full backlog drops new audio and counts it; memory stays bounded', async () => {
  let dropped = 0;
  const runner = new VadRunner(detectorFor(slowScorer(1), OPT), { maxBacklogS: 1, onSegment: () => {}, onDrop: (s) => (dropped += s), onError: (e) => { throw e; } });
  feed(runner, new Float32Array(3 * SR));
  assert.ok(runner.backlogS <= 1 + 1e-9, `backlog ${runner.backlogS}`);
  assert.ok(Math.abs(dropped - 2) < 0.05, `dropped ${dropped} s`);
  await runner.setMuted(true); // empties the queue: the test need not wait for the slow scorer
  assert.is(runner.backlogS, 0);
});

test('muted: audio is not even queued, an open segment is forgotten; unmuted: heard again', async () => {
  const got: SpeechSegment[] = [];
  const runner = new VadRunner(detectorFor(new EnergyScorer(OPT), OPT), { maxBacklogS: 60, onSegment: (s) => got.push(s), onError: (e) => { throw e; } });
  const x = signal(4, [[1, 3]]);
  feed(runner, x.subarray(0, 2 * SR)); // speech has begun
  await runner.setMuted(true);
  feed(runner, x);
  assert.is(runner.backlogS, 0);
  await runner.flush();
  assert.is(got.length, 0, 'nothing heard while muted comes out');
  await runner.setMuted(false);
  feed(runner, signal(4, [[1, 3]]));
  await runner.flush();
  assert.is(got.length, 1);
});

test('replace(): the old detector hands out what it had open, the new one takes over', async () => {
  const got: SpeechSegment[] = [];
  const runner = new VadRunner(detectorFor(new EnergyScorer(OPT), OPT), { maxBacklogS: 60, onSegment: (s) => got.push(s), onError: (e) => { throw e; } });
  const x = signal(4, [[1, 4]]);
  feed(runner, x);
  await runner.replace(detectorFor(new EnergyScorer(OPT), { ...OPT, min_speech_s: 5 }));
  assert.is(got.length, 1, 'the open segment was closed by the swap');
  feed(runner, signal(4, [[1, 3]]));
  await runner.flush();
  assert.is(got.length, 1, 'the new detector (min_speech_s 5) drops a 2 s segment');
});

test('a failing listener is reported and does not stop the runner', async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const runner = new VadRunner(detectorFor(new EnergyScorer(OPT), OPT), {
    maxBacklogS: 60,
    onSegment: () => {
      calls++;
      throw new Error('listener broke');
    },
    onError: (e) => errors.push(e),
  });
  feed(runner, signal(6, [[1, 2], [3, 4]]));
  await runner.flush();
  assert.is(calls, 2);
  assert.is(errors.length, 2);
});

test.run();
