// The outbox on real files: order, recovery after a restart or a torn line, bounds,
// delivery bookkeeping, and a file that shrinks back once everything is delivered.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Outbox } from '../../../daemon/sinks/outbox.ts';
import { recoverOutbox, encodeLine } from '../../../daemon/sinks/outbox-log.ts';
import { MAX_LINE_BYTES } from '../../../daemon/sinks/outbox-reader.ts';
import { fillUp, mountSmallTmpfs } from '../../helpers/small-tmpfs.ts';
import { rmSync } from 'node:fs';
import { makeEvent } from '../../helpers/emotion-event.ts';
import { tempDir } from '../audio/audio-test-kit.ts';

const box = (dir: string, maxEvents = 100) => new Outbox({ dir, maxEvents, fsync: false, onError: (e) => { throw e; } });
const ids = (events: { event_id: string }[]) => events.map((e) => e.event_id);

test('recoverOutbox: queued minus done, in order; a torn last line and junk are counted', () => {
  const text = [encodeLine({ e: makeEvent('d', 1) }), encodeLine({ e: makeEvent('d', 2) }), encodeLine({ done: 'd-0001' }), '[]\n', encodeLine({ e: makeEvent('d', 3) }), '{"e": {"event_'].join('');
  const r = recoverOutbox(text);
  assert.equal(ids(r.events), ['d-0002', 'd-0003']);
  assert.is(r.unreadable, 2);
});

test('events survive a restart in order; delivered ones do not come back', async () => {
  const dir = tempDir('outbox');
  const a = box(dir);
  await a.start();
  for (let i = 1; i <= 5; i++) a.add(makeEvent('d', i));
  const out = a.take(2);
  assert.equal(ids(out), ['d-0001', 'd-0002']);
  a.ack('d-0001');
  await a.stop(); // d-0002 was out for delivery but never acknowledged: it must come back
  const b = box(dir);
  assert.equal(await b.start(), { recovered: 4, unreadable: 0 });
  assert.equal(ids(b.take(10)), ['d-0002', 'd-0003', 'd-0004', 'd-0005']);
  await b.stop();
});

test('a line torn by a crash is skipped and the file repaired before new writes', async () => {
  const dir = tempDir('outbox-torn');
  const a = box(dir);
  await a.start();
  a.add(makeEvent('t', 1));
  await a.stop();
  appendFileSync(`${dir}/outbox.jsonl`, '{"e":{"event_id":"t-0002","dev');
  const b = box(dir);
  assert.equal(await b.start(), { recovered: 1, unreadable: 1 });
  b.add(makeEvent('t', 3));
  await b.stop();
  const c = box(dir);
  assert.equal(await c.start(), { recovered: 2, unreadable: 0 });
  assert.equal(ids(c.take(5)), ['t-0001', 't-0003']);
  await c.stop();
});

test('bounded: past maxEvents the oldest waiting events are dropped and counted', async () => {
  const dir = tempDir('outbox-bound');
  const a = box(dir, 3);
  await a.start();
  for (let i = 1; i <= 5; i++) a.add(makeEvent('b', i));
  assert.is(a.depth, 3);
  assert.is(a.dropped, 2);
  await a.stop();
  const b = box(dir, 3);
  await b.start();
  assert.equal(ids(b.take(5)), ['b-0003', 'b-0004', 'b-0005']);
  await b.stop();
});

test('given back after a failed delivery, an event goes out again in its place', async () => {
  const a = box(tempDir('outbox-back'));
  await a.start();
  for (let i = 1; i <= 3; i++) a.add(makeEvent('g', i));
  assert.equal(ids(a.take(2)), ['g-0001', 'g-0002']);
  a.giveBack('g-0001');
  a.giveBack('g-0002');
  assert.equal(ids(a.take(5)), ['g-0001', 'g-0002', 'g-0003']);
  await a.stop();
});

test('drained() resolves when the last event is acknowledged; the file is emptied', async () => {
  const dir = tempDir('outbox-drain');
  const a = box(dir);
  await a.start();
  a.add(makeEvent('x', 1));
  a.add(makeEvent('x', 2));
  assert.is(await a.drained(50), false);
  const wait = a.drained(5000);
  for (const e of a.take(5)) a.ack(e.event_id);
  assert.is(await wait, true);
  await a.stop();
  assert.is(statSync(`${dir}/outbox.jsonl`).size, 0);
  assert.is(readFileSync(`${dir}/outbox.jsonl`, 'utf8'), '');
});

test('an unusable state dir is a STATE error naming the path', async () => {
  const file = `${tempDir('outbox-file')}/not-a-dir`;
  writeFileSync(file, '');
  const err = await box(`${file}/state`).start().then(() => null, (e: unknown) => e as { code: string; message: string });
  assert.is(err?.code, 'STATE');
  assert.match(err?.message ?? '', `${file}/state`);
});

test('a `null` line, numbers, arrays and an `e` that is not an object are skipped like other garbage', async () => {
  const text = ['null\n', '42\n', '"x"\n', '{"e": null}\n', '{"e": 5}\n', encodeLine({ e: makeEvent('n', 1) })].join('');
  assert.equal(ids(recoverOutbox(text).events), ['n-0001']);
  assert.is(recoverOutbox(text).unreadable, 5);
  const dir = tempDir('outbox-null');
  writeFileSync(`${dir}/outbox.jsonl`, text);
  const b = box(dir);
  assert.equal(await b.start(), { recovered: 1, unreadable: 5 });
  await b.stop();
});

test('read as a stream: a line longer than any event is skipped without being held, the rest loads', async () => {
  const dir = tempDir('outbox-long');
  writeFileSync(`${dir}/outbox.jsonl`, encodeLine({ e: makeEvent('l', 1) }) + '{"e":' + 'x'.repeat(MAX_LINE_BYTES + 10) + '\n' + encodeLine({ e: makeEvent('l', 2) }) + 'y'.repeat(MAX_LINE_BYTES + 5));
  const b = box(dir);
  assert.equal(await b.start(), { recovered: 2, unreadable: 2 });
  assert.equal(ids(b.take(5)), ['l-0001', 'l-0002']);
  await b.stop();
  assert.ok(statSync(`${dir}/outbox.jsonl`).size < 4096, 'rewritten without the garbage');
});

const fs = mountSmallTmpfs(64);
const onTmpfs = fs.dir ? test : test.skip;
if (!fs.dir) console.log(`SKIP disk-full tests: cannot mount a tmpfs (${"why" in fs ? fs.why : ""})`);

onTmpfs('disk full: no torn line, no event lost; the fault is reported and cleared once space is back', async () => {
  const dir = `${fs.dir}/state`;
  const errors: string[] = [];
  const a = new Outbox({ dir, maxEvents: 1000, fsync: false, onError: (e) => void errors.push(e.message) });
  await a.start();
  a.add(makeEvent('f', 1));
  fillUp(`${fs.dir}/filler`);
  for (let i = 2; i <= 40; i++) a.add(makeEvent('f', i)); // fills the file's last page, then short writes and ENOSPC
  assert.ok(a.fault, 'the fault is known');
  assert.match(a.fault!.code, /ENOSPC|SHORT_WRITE/);
  assert.ok(errors.length >= 1 && errors.length <= 2, `reported once per kind, got ${errors.length}`);
  // What is on disk now is whole lines only: a restart at this point would lose nothing it holds.
  const onDisk = readFileSync(`${dir}/outbox.jsonl`, 'utf8');
  assert.ok(onDisk === '' || onDisk.endsWith('\n'), 'no torn tail');
  assert.is(recoverOutbox(onDisk).unreadable, 0);
  rmSync(`${fs.dir}/filler`);
  a.add(makeEvent('f', 41));
  assert.is(a.fault, null, 'cleared by the first write that succeeds');
  await a.stop();
  const b = box(dir, 1000);
  assert.equal(await b.start(), { recovered: 41, unreadable: 0 });
  assert.equal(ids(b.take(100)), Array.from({ length: 41 }, (_, i) => `f-${String(i + 1).padStart(4, '0')}`));
  await b.stop();
});

test.after(() => {
  if (fs.dir) fs.unmount();
});

test.run();
