// The smoothed state: stable under one odd segment, switching only past the margin,
// ignoring low-confidence segments, reporting dimension moves, forgetting on reset.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotionSmoother, type Observation, type SmoothingOptions } from '../../../daemon/events/smoothing.ts';

const OPT: SmoothingOptions = { window: 3, maxAgeS: 60, minConfidence: 0.3, switchMargin: 0.1, dimensionStep: 0.2, expireS: 0 };
let t = 1_000_000;
function obs(top: string, p: number, extra: Partial<Observation> = {}): Observation {
  const other = top === 'neutral' ? 'anger' : 'neutral';
  t += 2000;
  return { scores: { [top]: p, [other]: 1 - p }, confidence: p, arousal: 0, valence: 0, durationS: 2, atMs: t, ...extra };
}

test('the first confident reading sets the state, with since = its time', () => {
  const s = new EmotionSmoother(OPT, 0);
  assert.is(s.current.emotion, null);
  const o = obs('anger', 0.8);
  const st = s.observe(o);
  assert.is(st?.emotion, 'anger');
  assert.is(st?.since, new Date(o.atMs).toISOString());
});

test('one odd segment does not flip the state (no flicker)', () => {
  const s = new EmotionSmoother(OPT, 0);
  s.observe(obs('neutral', 0.8));
  s.observe(obs('neutral', 0.7));
  assert.is(s.observe(obs('anger', 0.9)), null, 'average neutral 0.53 vs anger 0.47: stays');
  assert.is(s.current.emotion, 'neutral');
});

test('a sustained change takes over once past the margin', () => {
  const s = new EmotionSmoother(OPT, 0);
  s.observe(obs('neutral', 0.8));
  assert.is(s.observe(obs('anger', 0.55)), null, 'a close call keeps the state (hysteresis)');
  // neutral (0.8 + 0.45 + 0.05) / 3 = 0.43, anger 0.57: past the 0.1 margin.
  const st = s.observe(obs('anger', 0.95));
  assert.is(st?.emotion, 'anger');
});

test('low-confidence segments do not move the state', () => {
  const s = new EmotionSmoother(OPT, 0);
  s.observe(obs('neutral', 0.8));
  for (let i = 0; i < 5; i++) assert.is(s.observe(obs('anger', 0.25)), null);
  assert.is(s.current.emotion, 'neutral');
});

test('arousal/valence moves beyond the step make a new state without a new emotion', () => {
  const s = new EmotionSmoother(OPT, 0);
  s.observe(obs('neutral', 0.8, { arousal: 0 }));
  assert.is(s.observe(obs('neutral', 0.8, { arousal: 0.2 })), null, 'average 0.1: under the step');
  const st = s.observe(obs('neutral', 0.8, { arousal: 0.8 }));
  assert.ok(st && st.arousal !== null && st.arousal >= 0.3, JSON.stringify(st));
  assert.is(st?.emotion, 'neutral');
});

test('old events fall out of the window; reset forgets everything', () => {
  const s = new EmotionSmoother({ ...OPT, maxAgeS: 5 }, 0);
  s.observe(obs('neutral', 0.9));
  s.observe(obs('neutral', 0.9));
  t += 60_000; // a minute of silence: the neutral history is stale
  assert.is(s.observe(obs('anger', 0.7))?.emotion, 'anger');
  const r = s.reset(t);
  assert.is(r.emotion, null);
  assert.is(s.current.since, new Date(t).toISOString());
});

test('no reading is null everywhere, never 0: at start and after a reset', () => {
  const s = new EmotionSmoother(OPT, 0);
  assert.equal(s.current, { emotion: null, confidence: null, arousal: null, valence: null, since: new Date(0).toISOString() });
  s.observe(obs('neutral', 0.9, { arousal: 0.5 }));
  assert.is(s.current.arousal, 0.5);
  const r = s.reset(t);
  assert.equal([r.confidence, r.arousal, r.valence], [null, null, null]);
});

test('the state expires to no reading after expireS without a confident observation', () => {
  const s = new EmotionSmoother({ ...OPT, expireS: 30 }, 0);
  assert.is(s.expire(t), null, 'nothing to expire');
  s.observe(obs('anger', 0.9));
  const at = t;
  assert.is(s.expire(at + 29_000), null);
  s.observe(obs('anger', 0.1)); // below min_confidence: does not refresh the reading
  const gone = s.expire(at + 30_000);
  assert.ok(gone);
  assert.is(gone!.emotion, null);
  assert.is(gone!.since, new Date(at + 30_000).toISOString());
  assert.is(s.expire(at + 90_000), null, 'expires once');
  const never = new EmotionSmoother({ ...OPT, expireS: 0 }, 0);
  never.observe(obs('anger', 0.9));
  assert.is(never.expire(t + 1e9), null, '0 = never');
});

test.run();
