import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ANALYSIS } from '../../../daemon/features/analysis-config.ts';
import { packChunk, planChunks } from '../../../daemon/features/webgpu/batch-plan.ts';

test('short signals share a chunk; empty ones take no rows', () => {
  const chunks = planChunks([3, 0, 5, 2], 100);
  assert.is(chunks.length, 1);
  assert.equal(chunks[0].pieces.map((p) => [p.signal, p.from, p.to, p.context]), [[0, 0, 3, false], [2, 0, 5, false], [3, 0, 2, false]]);
  assert.is(chunks[0].frames, 10);
});

test('a long signal is split; every later piece carries the frame before it as context', () => {
  const chunks = planChunks([10, 4], 4);
  const pieces = chunks.flatMap((c) => c.pieces.map((p) => [p.signal, p.from, p.to, p.context]));
  assert.equal(pieces, [[0, 0, 4, false], [0, 4, 7, true], [0, 7, 10, true], [1, 0, 4, false]]);
  for (const c of chunks) assert.ok(c.frames <= 4);
  // Every frame of every signal is a result exactly once.
  for (const [s, n] of [[0, 10], [1, 4]]) {
    const covered = chunks.flatMap((c) => c.pieces.filter((p) => p.signal === s).flatMap((p) => Array.from({ length: p.to - p.from }, (_, i) => p.from + i)));
    assert.equal(covered, Array.from({ length: n }, (_, i) => i));
  }
});

test('no chunk is left with room for a context frame only', () => {
  const chunks = planChunks([3, 7], 4);
  for (const c of chunks) for (const p of c.pieces) assert.ok(p.to > p.from, JSON.stringify(p));
  assert.throws(() => planChunks([1], 1), /maxFrames/);
});

test('packing: frame starts, continuation flags, sanitised samples with padding zeros', () => {
  const { hop, frameLength } = ANALYSIS;
  const a = Float32Array.from({ length: 700 }, (_, i) => (i === 5 ? NaN : i === 6 ? 1e9 : (i % 10) / 10));
  const b = Float32Array.from([0.5]);
  const [chunk] = planChunks([2, 1], 8);
  const p = packChunk([a, b], chunk);
  assert.equal(Array.from(p.continues), [0, 1, 0]);
  assert.equal(p.firstRow, [0, 2]);
  assert.equal(Array.from(p.starts), [0, hop, hop + frameLength]);
  // Frame 0 of a starts at its sample 0 (the padding is before it).
  assert.is(p.signal[0], 0);
  assert.is(p.signal[5], 0, 'NaN -> 0');
  assert.is(p.signal[6], ANALYSIS.sampleLimit, 'clamped');
  assert.ok(Math.abs(p.signal[7] - 0.7) < 1e-7);
  // b: one sample, then zeros to the end of its only frame.
  assert.is(p.signal[p.starts[2]], 0.5);
  assert.ok(p.signal.subarray(p.starts[2] + 1).every((v) => v === 0));
  assert.is(p.signal.length, hop + frameLength + frameLength);
});

test('packing a piece with context: its first row is the frame before it', () => {
  const { hop } = ANALYSIS;
  const x = Float32Array.from({ length: 16000 }, (_, i) => i / 16000);
  const chunks = planChunks([98], 40);
  const p = packChunk([x], chunks[1]);
  assert.equal(chunks[1].pieces[0], { signal: 0, from: 40, to: 79, context: true });
  assert.is(p.firstRow[0], 1);
  assert.is(p.continues[0], 0);
  assert.ok(p.continues.subarray(1).every((v) => v === 1));
  // Row 0 is frame 39: its first sample is x[39 * hop].
  assert.is(p.signal[p.starts[0]], x[39 * hop]);
});

test.run();
