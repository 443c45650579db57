// The streaming eGeMAPS pipeline (egemaps/egemaps-stream.ts): pushing audio in pieces of any
// size gives exactly the LLDs of pushing it at once; both equal the two-pass batch pipeline
// (egemaps-llds-two-pass.ts) on the whole-signal kernels; its memory does not grow over a
// long stream (only the current segment's contours do, and they are reused).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEgemapsFrameKernels, createEgemapsKernels } from '../../../daemon/features/egemaps/egemaps-backends.ts';
import { createEgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import { EGEMAPS_LLDS, type EgemapsLldFrames } from '../../../daemon/features/egemaps/egemaps-llds.ts';
import { computeEgemapsLldsTwoPass } from '../../../daemon/features/egemaps/egemaps-llds-two-pass.ts';
import { EgemapsLldStream } from '../../../daemon/features/egemaps/egemaps-stream.ts';
import { speechLike } from './speech-like.ts';

const SR = 16000;
const SIGNALS = [
  speechLike(1.9, 120, 3), speechLike(1.2, 210, 4), speechLike(0.04, 150, 5), new Float32Array(0),
  speechLike(0.7, 95, 6).map((v, i) => (i % 501 === 0 ? NaN : v)),
];

function chunked(s: EgemapsLldStream, x: Float32Array, seed: number): EgemapsLldFrames {
  let r = seed;
  for (let at = 0; at < x.length;) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    // 1 sample to about 0.3 s, so pieces end inside frames, at frame edges and across many.
    const n = 1 + (r % [1, 160, 4999][r % 3]);
    s.push(x.subarray(at, at + n));
    at += n;
  }
  return s.end();
}

function assertSame(got: EgemapsLldFrames, want: EgemapsLldFrames, label: string, rel = 0): void {
  assert.is(got.frames, want.frames, `${label}: frames`);
  assert.is(got.shortFrames, want.shortFrames, `${label}: 20 ms frames`);
  const pairs: [string, Float64Array, Float64Array][] = [
    ...EGEMAPS_LLDS.map((n): [string, Float64Array, Float64Array] => [n, got.raw[n], want.raw[n]]),
    ['f0Hz', got.f0Hz, want.f0Hz], ['energy', got.energy, want.energy], ['formantsAll', got.formantsAll, want.formantsAll],
  ];
  for (const [name, a, b] of pairs) {
    assert.is(a.length, b.length, `${label} ${name}: length`);
    for (let i = 0; i < a.length; i++) {
      const ok = rel === 0 ? Object.is(a[i], b[i]) : Math.abs(a[i] - b[i]) <= rel * Math.max(1, Math.abs(b[i]));
      if (!ok) assert.unreachable(`${label} ${name}[${i}]: ${a[i]} vs ${b[i]}`);
    }
  }
}

test('pieces of any size give the same LLDs as the whole signal at once, bit for bit', async () => {
  for (const backend of ['wasm', 'ref'] as const) {
    const s = new EgemapsLldStream(await createEgemapsFrameKernels(backend));
    SIGNALS.forEach((x, i) => {
      s.push(x);
      const whole = s.end();
      assertSame(chunked(s, x, i + 1), whole, `${backend} signal ${i}`);
    });
  }
});

test('the stream equals the two-pass batch pipeline (same kernels, same numbers)', async () => {
  // Reference backend: the same TypeScript arithmetic on both sides, so bit for bit.
  // WASM: the stream picks pitch peaks in WASM (an f32 mean) where the two-pass path uses the
  // TypeScript reference (an f64 mean), so voicing differs in the 7th digit; 1e-6 allowed.
  for (const [backend, rel] of [['ref', 0], ['wasm', 1e-6]] as const) {
    const s = new EgemapsLldStream(await createEgemapsFrameKernels(backend));
    const batch = await createEgemapsKernels(backend);
    SIGNALS.forEach((x, i) => assertSame(chunked(s, x, 7 * i + 3), computeEgemapsLldsTwoPass(batch, x), `${backend} signal ${i}`, rel));
  }
});

test('a 10-minute stream in 20 ms pieces: the WASM memory and the buffers stay the same size', async () => {
  const e = await createEgemapsExtractor({ backend: 'wasm' }), stream = e.stream();
  // 10 s of speech-like audio repeated with a changing gain (cheaper than synthesising 10 min).
  const base = speechLike(10, 130, 11), piece = 320, segment = 5 * SR;
  let pushed = 0, sinceEnd = 0, first: ReturnType<typeof stream.stateBytes> | null = null, segments = 0;
  const buf = new Float32Array(piece);
  while (pushed < 600 * SR) {
    const gain = 0.5 + 0.5 * Math.sin(pushed / (7 * SR));
    for (let i = 0; i < piece; i++) buf[i] = gain * base[(pushed + i) % base.length];
    stream.push(buf);
    pushed += piece;
    sinceEnd += piece;
    if (sinceEnd >= segment) {
      const v = stream.end().values;
      assert.ok(v.every(Number.isFinite), `segment ${segments}`);
      sinceEnd = 0;
      segments++;
      const now = stream.stateBytes();
      first ??= now;
      assert.is(now.backend, first.backend, `WASM memory after ${pushed / SR} s`);
      assert.is(now.columns, first.columns, `contour buffers after ${pushed / SR} s`);
    }
  }
  assert.is(segments, 120);
});

test('one 10-minute segment: the WASM memory stays the same, only the contours grow (one row per 10 ms)', async () => {
  const e = await createEgemapsExtractor({ backend: 'wasm' }), stream = e.stream();
  const base = speechLike(3, 170, 12), chunk = SR;
  stream.push(base.subarray(0, chunk));
  const start = stream.stateBytes();
  for (let s = 1; s < 600; s++) stream.push(base.subarray((s % 3) * chunk, (s % 3 + 1) * chunk));
  const end = stream.stateBytes();
  assert.is(end.backend, start.backend);
  // 11 + 19 f64 columns, capacity doubled from 256 rows: at most 2 x 60000 rows.
  assert.ok(end.columns <= 30 * 8 * 2 * 60000, `${end.columns} bytes of contours`);
  const llds = stream.endLlds();
  assert.is(llds.frames, Math.floor((600 * SR - 800) / 160) + 1);
  assert.ok(llds.raw['F0semitoneFrom27.5Hz'].some((v) => v > 0));
});

test.run();
