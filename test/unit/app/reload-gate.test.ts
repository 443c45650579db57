// A storm of reload requests (SIGHUPs, `reload` commands) causes a bounded number of reloads,
// the last of which comes after the last request, so the newest config is applied.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ReloadGate } from '../../../daemon/app/reload-gate.ts';

/** A clock moved by the test; the gate's waits end when it passes their end. Deterministic, at full speed. */
function fakeTime() {
  let t = 0;
  const waits: { until: number; wake: () => void }[] = [];
  return {
    now: () => t,
    wait: (ms: number) => new Promise<void>((wake) => waits.push({ until: t + ms, wake })),
    advance(ms: number) {
      t += ms;
      for (const w of waits.filter((w) => w.until <= t)) {
        waits.splice(waits.indexOf(w), 1);
        w.wake();
      }
    },
  };
}

test('300 requests at once: one reload now, one after it for all the others', async () => {
  const time = fakeTime();
  let reloads = 0;
  const gate = new ReloadGate(1000, async () => (reloads++, true), time.now, time.wait);
  const all = Array.from({ length: 300 }, () => gate.request());
  for (let i = 0; i < 5; i++) await Promise.resolve();
  time.advance(1000);
  const results = await Promise.all(all);
  assert.is(reloads, 2);
  assert.ok(results.every((r) => r === true));
  assert.is(gate.coalesced, 298);
});

test('requests spread over 16 s: at most one reload per interval', async () => {
  const time = fakeTime();
  let reloads = 0;
  const gate = new ReloadGate(1000, async () => (reloads++, true), time.now, time.wait);
  const all: Promise<boolean>[] = [];
  for (let i = 0; i < 300; i++) {
    all.push(gate.request());
    time.advance(53); // 300 in ~16 s
    for (let j = 0; j < 5; j++) await Promise.resolve();
  }
  time.advance(1000);
  await Promise.all(all);
  assert.ok(reloads <= 17, `${reloads} reloads`);
  assert.ok(reloads >= 2);
});

test('a request after the interval runs at once; after close, none run', async () => {
  const time = fakeTime();
  let reloads = 0;
  const gate = new ReloadGate(1000, async () => (reloads++, true), time.now, time.wait);
  await gate.request();
  time.advance(1000);
  await gate.request();
  assert.is(reloads, 2);
  gate.close();
  assert.is(await gate.request(), false);
  assert.is(reloads, 2);
});

test.run();
