// The pure parts of live capture: 16-bit frame mixing and regrouping into timed chunks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Chunker } from '../../../daemon/audio/chunker.ts';
import { S16Mixer } from '../../../daemon/audio/s16-mixer.ts';

function s16(values: number[]): Uint8Array {
  const b = new Uint8Array(values.length * 2);
  const v = new DataView(b.buffer);
  values.forEach((x, i) => v.setInt16(i * 2, x, true));
  return b;
}

test('S16Mixer: mean of channels; a frame split across buffers is completed by the next one', () => {
  const m = new S16Mixer(2);
  const bytes = s16([1000, 3000, -32768, -32768, 32767, 1]);
  assert.equal(Array.from(m.push(bytes.subarray(0, 5))), [2000 / 32768]); // 1 frame + 1 byte
  assert.equal(Array.from(m.push(bytes.subarray(5, 7))), []); // still inside frame 2
  assert.equal(Array.from(m.push(bytes.subarray(7))), [-1, 32768 / 2 / 32768].map(Math.fround));
});

test('S16Mixer: a buffer at an odd byte offset is read correctly', () => {
  const backing = new Uint8Array(9);
  backing.set(s16([100, -200, 300, -400]), 1);
  assert.equal(Array.from(new S16Mixer(1).push(backing.subarray(1))), [100, -200, 300, -400].map((x) => x / 32768));
});

test('Chunker: fixed-size chunks with continuous stream time, flush and skip over a gap', () => {
  const c = new Chunker(4);
  assert.equal(c.push(Float32Array.from([1, 2, 3])), []);
  const two = c.push(Float32Array.from([4, 5, 6, 7, 8, 9]));
  assert.equal(two.map((x) => [Array.from(x.samples), x.startS]), [[[1, 2, 3, 4], 0], [[5, 6, 7, 8], 4 / 16000]]);
  const last = c.skip(16000); // one second never captured
  assert.equal(last && [Array.from(last.samples), last.startS], [[9], 8 / 16000]);
  assert.is(c.position, 16009);
  const after = c.push(Float32Array.from([10, 11, 12, 13]));
  assert.is(after[0].startS, 16009 / 16000);
  assert.is(c.flush(), null);
});

test.run();
