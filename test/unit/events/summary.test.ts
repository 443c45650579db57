// Room summaries: values worked out by hand, one vote per utterance, intervals in stream time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summarize } from '../../../daemon/events/summary.ts';
import { SummaryWindow } from '../../../daemon/events/summary-window.ts';
import { UtteranceIds } from '../../../daemon/events/utterance-ids.ts';

const CLASSES = ['anger', 'happiness', 'neutral'];

test('an interval without speech: zeros and nulls, no made-up mood', () => {
  assert.equal(summarize([], 60, CLASSES), {
    speech_s: 0, utterances: 0, shares: null, dominant: null,
    arousal_mean: null, arousal_std: null, valence_mean: null, valence_std: null, engagement: 0,
  });
});

test('duration-weighted shares, means and spreads; engagement = activity x arousal01', () => {
  // 3 s of anger at arousal 0.8 and 1 s of neutral at arousal 0 over a 20 s interval.
  const s = summarize(
    [
      { emotion: 'anger', durationS: 3, arousal: 0.8, valence: -0.6 },
      { emotion: 'neutral', durationS: 1, arousal: 0, valence: 0.2 },
    ],
    20,
    CLASSES,
  );
  assert.is(s.speech_s, 4);
  assert.is(s.utterances, 2);
  assert.equal(s.shares, { anger: 0.75, happiness: 0, neutral: 0.25 });
  assert.is(s.dominant, 'anger');
  assert.is(s.arousal_mean, 0.6); // (3*0.8 + 1*0) / 4
  assert.is(s.arousal_std, Number(Math.sqrt((3 * 0.2 ** 2 + 1 * 0.6 ** 2) / 4).toFixed(4)));
  assert.is(s.valence_mean, -0.4);
  assert.is(s.engagement, Number(((4 / 20) * ((0.6 + 1) / 2)).toFixed(4)));
});

test('utterances count in the interval where they end; an interval closes only past the grace', () => {
  const w = new SummaryWindow(10, 1);
  w.add({ emotion: 'anger', durationS: 2, arousal: 0.5, valence: 0, endS: 9.5, atMs: 1000 });
  w.add({ emotion: 'neutral', durationS: 3, arousal: 0, valence: 0, endS: 11, atMs: 2000 });
  assert.equal(w.due(10.9), [], 'within the grace');
  assert.equal(w.due(11), [{ fromS: 0, toS: 10 }]);
  assert.is(w.close({ fromS: 0, toS: 10 }, CLASSES).utterances, 1);
  assert.equal(w.due(35), [{ fromS: 10, toS: 20 }, { fromS: 20, toS: 30 }]);
  assert.is(w.close({ fromS: 10, toS: 20 }, CLASSES).dominant, 'neutral');
  assert.is(w.close({ fromS: 20, toS: 30 }, CLASSES).utterances, 0);
  assert.is(w.eventsLastHour(2000), 2);
  assert.is(w.eventsLastHour(3_600_000 + 1500), 1, 'the first fell out of the hour');
  assert.is(w.lastHour(3_600_000 + 1500, CLASSES).dominant, 'neutral');
});

test('windows share their utterance id with the final segment that supersedes them', () => {
  const u = new UtteranceIds();
  const w1 = u.window();
  assert.is(u.window(), w1);
  assert.is(u.final(), w1);
  const lone = u.final();
  assert.is.not(lone, w1, 'a segment without windows gets its own id');
  const w2 = u.window();
  assert.is.not(w2, lone);
  u.reset();
  assert.is.not(u.final(), w2, 'muted: the open windows are forgotten');
});

test.run();
