// The streaming LLD pipeline (lld-stream.ts): any split of a signal into pushes (1 sample, 0
// samples, pieces across frame edges, chunks longer than the stream's own) gives computeLlds'
// matrix for the whole signal bit for bit, on the WASM SIMD, WASM scalar and reference
// backends; so does a snapshot of the prefix pushed so far, which leaves the stream as it was.
// Edge inputs (empty, shorter than a frame, NaN/Inf, clipped) and memory: the backend's
// buffers keep their size over a long stream; only the LLD rows grow.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logMelLld } from '../../../daemon/features/extended/log-mel-lld.ts';
import { createKernels } from '../../../daemon/features/extractor.ts';
import type { StreamingFrameKernels } from '../../../daemon/features/frame-kernels.ts';
import { computeLlds, type LldMatrix } from '../../../daemon/features/lld-pipeline.ts';
import { DEFAULT_LLDS } from '../../../daemon/features/lld-registry.ts';
import { LldStream } from '../../../daemon/features/lld-stream.ts';
import { speechLike } from './speech-like.ts';

const SR = 16000;
const LLDS = [...DEFAULT_LLDS, logMelLld];
const BACKENDS = ['wasm', 'wasm-scalar', 'ref'] as const;

const edgy = (x: Float32Array): Float32Array =>
  x.map((v, i) => (i % 997 === 0 ? NaN : i % 1201 === 0 ? Infinity : i % 1409 === 0 ? -3e7 : i % 700 < 40 ? Math.sign(v) : v));

const SIGNALS: [string, Float32Array][] = [
  ['speech 1.9 s', speechLike(1.9, 120, 3)],
  ['speech 1.2 s, 210 Hz', speechLike(1.2, 210, 4)],
  ['NaN, Inf, clipped', edgy(speechLike(0.9, 150, 5))],
  ['empty', new Float32Array(0)],
  ['1 sample', new Float32Array([0.5])],
  ['399 samples', speechLike(399 / SR, 140, 6)],
  ['400 samples', speechLike(400 / SR, 140, 7)],
  ['401 samples', speechLike(401 / SR, 140, 8)],
  ['600 samples', speechLike(600 / SR, 140, 9)],
  ['silence', new Float32Array(8000)],
  ['DC offset', new Float32Array(5000).fill(0.25)],
  ['all NaN', new Float32Array(3000).fill(NaN)],
  ['10 s (several chunks)', speechLike(10, 110, 10)],
];

function rng(seed: number): () => number {
  let r = seed >>> 0;
  return () => (r = (Math.imul(r, 1103515245) + 12345) >>> 0);
}

/** Random pieces: 0 samples, 1 sample, up to a frame, up to 0.3 s, or more than the stream's chunk. */
function pieces(n: number, seed: number): number[] {
  const next = rng(seed), out: number[] = [];
  for (let at = 0; at < n;) {
    const r = next(), kind = r % 5;
    const len = [0, 1, 1 + (r >>> 8) % 400, 1 + (r >>> 8) % 4800, 4000 + (r >>> 8) % 9000][kind];
    out.push(Math.min(len, n - at));
    at += len;
  }
  return out;
}

function assertSameMatrix(got: LldMatrix, want: LldMatrix, label: string): void {
  assert.equal(got.names, want.names, `${label}: names`);
  assert.is(got.frames, want.frames, `${label}: frames`);
  assert.is(got.data.length, want.data.length, `${label}: size`);
  for (let i = 0; i < want.data.length; i++) {
    if (!Object.is(got.data[i], want.data[i])) {
      const c = Math.floor(i / Math.max(1, want.frames));
      assert.unreachable(`${label}: ${want.names[c]}[${i - c * want.frames}] ${got.data[i]} vs ${want.data[i]}`);
    }
  }
}

for (const backend of BACKENDS) {
  test(`${backend}: random pieces give computeLlds' matrix bit for bit, and snapshots give the prefix's`, async () => {
    const batch = await createKernels(backend);
    const stream = new LldStream((await createKernels(backend)) as StreamingFrameKernels, LLDS);
    SIGNALS.forEach(([label, x], s) => {
      const next = rng(100 + s);
      let at = 0, snaps = 0;
      for (const len of pieces(x.length, s + 1)) {
        stream.push(x.subarray(at, at + len));
        at += len;
        if (next() % 7 === 0 && snaps++ < 4) assertSameMatrix(stream.snapshot(), computeLlds(batch, x.slice(0, at), LLDS), `${backend} ${label} snapshot at ${at}`);
      }
      assertSameMatrix(stream.end(), computeLlds(batch, x, LLDS), `${backend} ${label}`);
    });
  });
}

test('a signal pushed at once, sample by sample and in 160-sample hops: the same matrix', async () => {
  const batch = await createKernels('wasm');
  const stream = new LldStream((await createKernels('wasm')) as StreamingFrameKernels, LLDS);
  const x = speechLike(0.35, 180, 11);
  const want = computeLlds(batch, x, LLDS);
  stream.push(x);
  assertSameMatrix(stream.end(), want, 'at once');
  for (let i = 0; i < x.length; i++) stream.push(x.subarray(i, i + 1));
  assertSameMatrix(stream.end(), want, 'sample by sample');
  for (let i = 0; i < x.length; i += 160) {
    stream.push(x.subarray(i, i + 160));
    stream.snapshot();
  }
  assertSameMatrix(stream.end(), want, '160-sample hops, a snapshot after each');
});

test('frames are computed as audio arrives: at most a few wait for end()', async () => {
  const stream = new LldStream((await createKernels('wasm')) as StreamingFrameKernels, LLDS);
  const x = speechLike(2, 130, 12);
  for (let i = 0; i < x.length; i += 512) {
    stream.push(x.subarray(i, i + 512));
    const frames = 1 + Math.floor((Math.min(i + 512, x.length) - 400) / 160);
    // The pitch search looks about 35 ms (4 frames with the decimation filters) past a frame.
    assert.ok(frames - stream.frames <= 4, `after ${i + 512} samples: ${stream.frames} of ${frames} frames`);
  }
  reset(stream);
});

function reset(s: LldStream): void {
  s.reset();
  assert.is(s.samples, 0);
  assert.is(s.frames, 0);
}

test('reset() drops the segment: the next one is as from a new stream', async () => {
  const batch = await createKernels('wasm');
  const stream = new LldStream((await createKernels('wasm')) as StreamingFrameKernels, LLDS);
  stream.push(speechLike(0.8, 160, 13));
  reset(stream);
  const x = speechLike(0.6, 100, 14);
  stream.push(x);
  assertSameMatrix(stream.end(), computeLlds(batch, x, LLDS), 'after reset');
});

test('a 10-minute stream in 20 ms pieces: the backend memory stays the same; one 10-minute segment: only the rows grow', async () => {
  for (const backend of ['wasm', 'ref'] as const) {
    const stream = new LldStream((await createKernels(backend)) as StreamingFrameKernels, LLDS);
    const piece = speechLike(0.02, 140, 15);
    const first = stream.stateBytes();
    let columns = 0;
    for (let t = 0; t < 600 * 50; t++) {
      stream.push(piece);
      if (t % 250 === 249) {
        const now = stream.stateBytes();
        assert.is(now.backend, first.backend, `${backend} backend memory after ${(t + 1) / 50} s`);
        columns = now.columns;
        if (t % 5000 === 4999 && backend === 'wasm') stream.snapshot();
      }
    }
    const m = stream.end();
    assert.is(m.frames, 1 + Math.floor((600 * SR - 400) / 160));
    // 55 f32 columns, the capacity doubled from 256 rows: under twice the 60000 rows' worth.
    assert.ok(columns < 2 * stream.names.length * 4 * 60000, `${backend} rows: ${columns} bytes`);
    assert.is(stream.stateBytes().backend, first.backend, `${backend} backend memory at the end`);
  }
});

test.run();
