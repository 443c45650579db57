// The resampler: tones keep frequency and amplitude, out-of-band tones are removed,
// streaming equals one-shot, and the edges (identity, lengths, bad rates) behave.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resample, StreamResampler } from '../../../daemon/audio/resample.ts';
import { expectError } from './audio-test-kit.ts';

function tone(freq: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  const n = Math.round(rate * seconds);
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));
}

/** Frequency from interpolated upward zero crossings over y[from..to). */
function measuredFrequency(y: Float32Array, rate: number, from: number, to: number): number {
  const crossings: number[] = [];
  for (let i = from; i < to - 1; i++) {
    if (y[i] <= 0 && y[i + 1] > 0) crossings.push(i + y[i] / (y[i] - y[i + 1]));
  }
  return ((crossings.length - 1) * rate) / (crossings[crossings.length - 1] - crossings[0]);
}

function peak(y: Float32Array, from: number, to: number): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(y[i]));
  return m;
}

function rms(y: Float32Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += y[i] * y[i];
  return Math.sqrt(s / (to - from));
}

// Away from the ends, where the zero padding before and after the signal shows.
const EDGE = 400;

for (const rate of [44100, 48000, 8000, 11025, 22050, 96000]) {
  test(`a 1 kHz sine keeps its frequency and amplitude through ${rate} -> 16000`, () => {
    const y = resample(tone(1000, rate, 1), rate, 16000);
    assert.is(y.length, 16000);
    const f = measuredFrequency(y, 16000, EDGE, 16000 - EDGE);
    assert.ok(Math.abs(f - 1000) < 0.5, `frequency ${f} Hz`);
    const a = peak(y, EDGE, 16000 - EDGE);
    assert.ok(Math.abs(a - 0.5) < 0.5 * 0.005, `amplitude ${a}`); // within 0.05 dB
  });
}

test('a 3.5 kHz sine (near the top of the passband) keeps its amplitude through 48k -> 16k', () => {
  const y = resample(tone(3500, 48000, 0.5), 48000, 16000);
  const a = rms(y, EDGE, y.length - EDGE) * Math.SQRT2;
  assert.ok(Math.abs(a - 0.5) < 0.005, `amplitude ${a}`);
});

for (const [rate, freq] of [[44100, 9000], [48000, 8500], [48000, 12000], [96000, 20000], [22050, 10000]]) {
  test(`a ${freq} Hz tone at ${rate} Hz (above 8 kHz) is attenuated by at least 40 dB`, () => {
    const y = resample(tone(freq, rate, 0.5), rate, 16000);
    const db = 20 * Math.log10(rms(y, EDGE, y.length - EDGE) / (0.5 / Math.SQRT2));
    assert.ok(db <= -40, `${freq} Hz came through at ${db.toFixed(1)} dB`);
  });
}

test('upsampling 8k -> 16k adds no image of the tone above 4 kHz', () => {
  const y = resample(tone(1000, 8000, 1), 8000, 16000);
  // The image of 1 kHz would sit at 7 kHz: fit and remove the 1 kHz tone, the rest is residue.
  let s = 0;
  let c = 0;
  for (let i = EDGE; i < y.length - EDGE; i++) {
    s += y[i] * Math.sin((2 * Math.PI * 1000 * i) / 16000);
    c += y[i] * Math.cos((2 * Math.PI * 1000 * i) / 16000);
  }
  const n = y.length - 2 * EDGE;
  const [bs, bc] = [(2 * s) / n, (2 * c) / n];
  let res = 0;
  for (let i = EDGE; i < y.length - EDGE; i++) {
    const w = (2 * Math.PI * 1000 * i) / 16000;
    res += (y[i] - bs * Math.sin(w) - bc * Math.cos(w)) ** 2;
  }
  assert.ok(20 * Math.log10(Math.sqrt(res / n) / (0.5 / Math.SQRT2)) < -60);
});

test('output length is ceil(n * out / in); DC passes at unit gain', () => {
  for (const [from, to, n] of [[44100, 16000, 1000], [48000, 16000, 7], [8000, 16000, 5], [11025, 16000, 1], [22050, 16000, 0]]) {
    assert.is(resample(new Float32Array(n), from, to).length, Math.ceil((n * to) / from), `${from}->${to} n=${n}`);
  }
  const dc = resample(new Float32Array(44100).fill(0.25), 44100, 16000);
  for (let i = EDGE; i < dc.length - EDGE; i++) assert.ok(Math.abs(dc[i] - 0.25) < 1e-6, `DC at ${i}: ${dc[i]}`);
});

test('equal rates are the identity', () => {
  const x = tone(440, 16000, 0.1);
  assert.is(resample(x, 16000, 16000), x);
  const s = new StreamResampler(16000, 16000);
  assert.equal(Array.from(s.process(x)), Array.from(x));
  assert.is(s.flush().length, 0);
});

function streamed(x: Float32Array, from: number, to: number, sizes: number[]): Float32Array {
  const s = new StreamResampler(from, to);
  const parts: Float32Array[] = [];
  for (let i = 0, k = 0; i < x.length; k++) {
    const n = sizes[k % sizes.length];
    parts.push(s.process(x.subarray(i, i + n)));
    i += n;
  }
  parts.push(s.flush());
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// 47999 Hz has no small common factor with 16000: it takes the interpolated-kernel path.
for (const [from, to] of [[44100, 16000], [48000, 16000], [8000, 16000], [11025, 16000], [47999, 16000], [16000, 44100]]) {
  test(`streaming ${from} -> ${to} in odd chunk sizes equals the one-shot output`, () => {
    let seed = 3;
    const x = Float32Array.from({ length: Math.round(from * 0.7) }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);
    const one = resample(x, from, to);
    for (const sizes of [[1], [7, 1, 333, 2], [1001, 64, 4099], [x.length]]) {
      const st = streamed(x, from, to, sizes);
      assert.is(st.length, one.length, `length with chunks ${sizes}`);
      for (let i = 0; i < one.length; i++) {
        if (Math.abs(st[i] - one[i]) > 1e-6) assert.unreachable(`chunks ${sizes}: sample ${i}: ${st[i]} vs ${one[i]}`);
      }
    }
  });
}

test('StreamResampler: reset() starts over; process() after flush() is refused', async () => {
  const x = tone(300, 48000, 0.05);
  const s = new StreamResampler(48000, 16000);
  const first = [...s.process(x), ...s.flush()];
  await expectError(() => s.process(x), 'USAGE', ['after flush()']);
  s.reset();
  assert.equal([...s.process(x), ...s.flush()], first);
});

test('rates must be positive integers', async () => {
  await expectError(() => new StreamResampler(0, 16000), 'USAGE', ['input rate', 'got 0']);
  await expectError(() => resample(new Float32Array(4), 44100.5, 16000), 'USAGE', ['got 44100.5']);
  await expectError(() => new StreamResampler(16000, -1), 'USAGE', ['output rate']);
});

test.run();
