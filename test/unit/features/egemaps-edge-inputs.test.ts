// eGeMAPS on edge input: every backend gives 88 finite values, never a throw, and the
// documented values for silence (daemon/features/README.md, "eGeMAPS").
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEgemapsExtractor, type EgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import { speechLike } from './speech-like.ts';

const BACKENDS: FeatureBackend[] = ['wasm', 'wasm-scalar', 'ref'];
const SR = 16000;
const fill = (n: number, f: (i: number) => number): Float32Array => Float32Array.from({ length: n }, (_, i) => f(i));

const EDGE: Record<string, Float32Array> = {
  'no samples': new Float32Array(0),
  '1 sample': Float32Array.from([0.5]),
  '10 ms': speechLike(0.01),
  '50 ms': speechLike(0.05),
  'silence 1 s': new Float32Array(SR),
  'DC offset 1 s': new Float32Array(SR).fill(0.3),
  'DC offset + speech': speechLike(1).map((v) => v - 0.4),
  'clipped speech': speechLike(1).map((v) => Math.max(-0.05, Math.min(0.05, 20 * v))),
  'full-scale square wave': fill(SR, (i) => (Math.floor(i / 40) % 2 ? 1 : -1)),
  'NaN and Inf': speechLike(1).map((v, i) => (i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : v)),
  'all NaN': new Float32Array(SR).fill(NaN),
  'huge values': fill(SR, (i) => (i % 2 ? 3e38 : -3e38)),
  'denormals': fill(SR, (i) => (i % 2 ? 1e-40 : -1e-40)),
};

const extractors = Promise.all(BACKENDS.map((backend) => createEgemapsExtractor({ backend })));
const get = (e: EgemapsExtractor, v: Float32Array, name: string): number => v[e.names.indexOf(name)];

test('no input gives a NaN, an Inf, or a throw, on any backend', async () => {
  for (const [i, e] of (await extractors).entries()) {
    for (const [name, x] of Object.entries(EDGE)) {
      const v = e.extract(x).values;
      const bad = v.findIndex((q) => !Number.isFinite(q));
      assert.ok(bad < 0, `${BACKENDS[i]} ${name}: ${e.names[bad]} = ${v[bad]}`);
      assert.is(v.length, 88);
    }
  }
});

test('silence and no samples: no voicing, every voiced statistic 0, Leq at the -120 dB floor', async () => {
  for (const e of await extractors) {
    for (const x of [EDGE['no samples'], EDGE['silence 1 s'], EDGE['all NaN']]) {
      const v = e.extract(x).values;
      for (const n of e.names.filter((n) => n.includes('sma3nz') && !n.includes('UV'))) {
        // Formant amplitudes of unvoiced frames are -201 in openSMILE and count in its means.
        if (!n.includes('amplitudeLogRelF0')) assert.is(get(e, v, n), 0, `${e.backend} ${n}`);
      }
      assert.is(get(e, v, 'VoicedSegmentsPerSec'), 0);
      assert.ok(Math.abs(get(e, v, 'equivalentSoundLevel_dBp') + 120) < 1e-3);
    }
  }
});

test('a 50 ms tone still gives its pitch; speech-like audio has voiced segments', async () => {
  const tone = fill(800, (i) => 0.3 * Math.sin((2 * Math.PI * 150 * i) / SR) + 0.1 * Math.sin((2 * Math.PI * 300 * i) / SR));
  for (const e of await extractors) {
    const st = 12 * Math.log2(150 / 27.5);
    assert.ok(Math.abs(get(e, e.extract(tone).values, 'F0semitoneFrom27.5Hz_sma3nz_amean') - st) < 0.2, e.backend);
    assert.ok(get(e, e.extract(speechLike(2)).values, 'VoicedSegmentsPerSec') > 1, e.backend);
  }
});

test('a 10-minute input: 88 finite values, voiced speech found, and the WASM memory is what it was before', async () => {
  // 10 s of speech-like audio repeated with a slowly changing gain, a stretch of silence,
  // a clipped stretch and a DC step in the middle.
  const base = speechLike(10, 150, 21), x = new Float32Array(600 * SR);
  for (let i = 0; i < x.length; i++) x[i] = (0.6 + 0.4 * Math.sin(i / (30 * SR))) * base[i % base.length];
  x.fill(0, 100 * SR, 130 * SR);
  for (let i = 200 * SR; i < 230 * SR; i++) x[i] = Math.max(-0.05, Math.min(0.05, 20 * x[i]));
  for (let i = 300 * SR; i < 330 * SR; i++) x[i] += 0.3;
  const e = await createEgemapsExtractor({ backend: 'wasm' }), s = e.stream();
  e.extract(EDGE['1 sample']);
  const before = s.stateBytes().backend;
  const v = e.extract(x).values;
  assert.is(v.length, 88);
  const bad = v.findIndex((q) => !Number.isFinite(q));
  assert.ok(bad < 0, `${e.names[bad]} = ${v[bad]}`);
  assert.ok(get(e, v, 'VoicedSegmentsPerSec') > 1);
  assert.ok(get(e, v, 'F0semitoneFrom27.5Hz_sma3nz_amean') > 20);
  assert.is(s.stateBytes().backend, before, 'WASM memory grew');
});

test.run();
