import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildEvent } from '../../../daemon/events/build-event.ts';

const prediction = {
  emotion: 'anger',
  confidence: 0.712345678,
  scores: { anger: 0.712345678, neutral: 0.287654322 },
  arousal: 0.5,
  valence: -0.4,
};

test('event carries ids, times and the prediction in snake_case', () => {
  const e = buildEvent('kiosk-1', 'emotion', { startS: 1.23456, endS: 2.5 }, prediction, new Date(0));
  assert.match(e.event_id, /^[0-9a-f-]{36}$/);
  assert.is(e.device_id, 'kiosk-1');
  assert.is(e.timestamp, '1970-01-01T00:00:00.000Z');
  assert.is(e.start_s, 1.235);
  assert.is(e.duration_s, 1.265);
  assert.is(e.emotion, 'anger');
  assert.is(e.confidence, 0.7123);
  assert.equal(Object.keys(e.scores), ['anger', 'neutral']);
});

test('every event gets a new id', () => {
  const a = buildEvent('d', 'm', { startS: 0, endS: 1 }, prediction);
  const b = buildEvent('d', 'm', { startS: 0, endS: 1 }, prediction);
  assert.is.not(a.event_id, b.event_id);
});

test.run();
