import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  availabilityTopic,
  eventTopic,
  setTopic,
  stateTopic,
  topicsFor,
  validateDeviceId,
} from '../../../daemon/sinks/topics.ts';
import { nextBackoff } from '../../../daemon/sinks/backoff.ts';
import { redactUrl } from '../../../daemon/sinks/mqtt-util.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';

test('topics use the default prefix emotiond/<device_id>/<leaf>', () => {
  assert.is(eventTopic('kitchen-1'), 'emotiond/kitchen-1/event');
  assert.is(availabilityTopic('kitchen-1'), 'emotiond/kitchen-1/availability');
  assert.is(stateTopic('kitchen-1'), 'emotiond/kitchen-1/state');
  assert.is(setTopic('kitchen-1'), 'emotiond/kitchen-1/set');
});

test('the prefix is configurable, several levels included', () => {
  assert.equal(topicsFor('d1', 'home/emotion'), {
    event: 'home/emotion/d1/event',
    availability: 'home/emotion/d1/availability',
    state: 'home/emotion/d1/state',
    set: 'home/emotion/d1/set',
    response: 'home/emotion/d1/response',
    summary: 'home/emotion/d1/summary',
    diagnostics: 'home/emotion/d1/diagnostics',
    hello: 'home/emotion/d1/hello',
  });
});

test('device ids with wildcards, separators or nothing are refused', () => {
  for (const bad of ['', 'a+b', 'a#', 'a/b', '/', '+', '#', 'a\u0000b']) {
    try {
      validateDeviceId(bad);
      assert.unreachable(`accepted ${JSON.stringify(bad)}`);
    } catch (err) {
      assert.instance(err, EmotiondError);
      assert.is((err as EmotiondError).code, 'CONFIG_INVALID');
    }
    assert.throws(() => eventTopic(bad));
  }
  assert.is(validateDeviceId('Kitchen_1.a-b'), 'Kitchen_1.a-b');
});

test('bad prefixes are refused', () => {
  for (const bad of ['', 'a/+', '#', 'a//b', '/a', 'a/']) {
    assert.throws(() => eventTopic('d1', bad), /prefix/, bad);
  }
});

test('backoff doubles from min and stops at max', () => {
  const range = { minMs: 100, maxMs: 1000 };
  const seq: number[] = [];
  let d = 0;
  for (let i = 0; i < 7; i++) seq.push((d = nextBackoff(d, range)));
  assert.equal(seq, [100, 200, 400, 800, 1000, 1000, 1000]);
  assert.is(nextBackoff(NaN, range), 100);
});

test('redactUrl masks the password only', () => {
  assert.is(redactUrl('mqtt://user:secret@broker:1883'), 'mqtt://user:***@broker:1883');
  assert.is(redactUrl('mqtt://127.0.0.1:1883'), 'mqtt://127.0.0.1:1883');
  assert.is(redactUrl('embedded'), 'embedded');
});

test.run();
