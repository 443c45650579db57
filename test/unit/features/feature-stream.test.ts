// stream() of the emotiond-v1, emotiond-extended-v1, emotiond-extended-v2 and egemaps-v02 extractors: any split of a segment into
// pushes ends with extract()'s vector for the whole segment, bit for bit, and a snapshot gives
// extract()'s vector for the part pushed so far, on synthetic speech and on EmoDB recordings
// (skipped, visibly, where ../shared/datasets is absent).
import { existsSync, readdirSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EMODB_WAV } from '../../../bench/opensmile-csv.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../../daemon/core/types.ts';
import { createEgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import { createExtendedExtractor } from '../../../daemon/features/extended/extended-extractor.ts';
import { createExtended2Extractor } from '../../../daemon/features/extended2/extended2-extractor.ts';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import { speechLike } from './speech-like.ts';

const emodb = existsSync(EMODB_WAV);
if (!emodb) console.log('    skipped: ../shared/datasets/emodb is absent (EmoDB streams)');

const SETS = {
  'emotiond-v1': (backend: FeatureBackend) => createFeatureExtractor({ backend }) as Promise<FeatureExtractor>,
  'emotiond-extended-v1': (backend: FeatureBackend) => createExtendedExtractor({ backend }) as Promise<FeatureExtractor>,
  'emotiond-extended-v2': (backend: FeatureBackend) => createExtended2Extractor({ backend }) as Promise<FeatureExtractor>,
  'egemaps-v02': (backend: FeatureBackend) => createEgemapsExtractor({ backend }) as Promise<FeatureExtractor>,
};

function assertSame(got: FeatureVector, want: FeatureVector, label: string): void {
  assert.equal(got.names, want.names, `${label}: names`);
  for (let i = 0; i < want.values.length; i++) {
    if (!Object.is(got.values[i], want.values[i])) assert.unreachable(`${label}: ${want.names[i]} ${got.values[i]} vs ${want.values[i]}`);
  }
}

/** Pushes x in random pieces (0 samples to 0.4 s), checking up to `snapshots` snapshots against the prefix. */
function streamed(s: FeatureStream, batch: FeatureExtractor, x: Float32Array, seed: number, snapshots: number, label: string): FeatureVector {
  let r = seed >>> 0, at = 0, taken = 0;
  while (at < x.length) {
    r = (Math.imul(r, 1103515245) + 12345) >>> 0;
    const len = [0, 1, 1 + (r >>> 8) % 700, 1 + (r >>> 8) % 6400][r % 4];
    s.push(x.subarray(at, at + len));
    at = Math.min(at + len, x.length);
    assert.is(s.samples, at);
    if (taken < snapshots && (r >>> 4) % 9 === 0) {
      taken++;
      assertSame(s.snapshot(), batch.extract(x.slice(0, at)), `${label}: snapshot at ${at}`);
    }
  }
  return s.end();
}

for (const [set, make] of Object.entries(SETS)) {
  test(`${set}: synthetic segments, edge inputs, three backends: end() and snapshots equal extract()`, async () => {
    const signals = [
      speechLike(1.3, 150, 21), new Float32Array(0), new Float32Array([1]), speechLike(0.02, 200, 22),
      speechLike(0.6, 110, 23).map((v, i) => (i % 613 === 0 ? NaN : i % 911 === 0 ? -Infinity : v * 40)),
    ];
    for (const backend of ['wasm', 'wasm-scalar', 'ref'] as const) {
      const batch = await make(backend), s = (await make(backend)).stream!();
      assert.equal(s.names, batch.names);
      signals.forEach((x, i) => assertSame(streamed(s, batch, x, i + 1, backend === 'ref' ? 1 : 3, `${backend} signal ${i}`), batch.extract(x), `${backend} signal ${i}`));
    }
  });
}

(emodb ? test : test.skip)('EmoDB, 12 recordings: the extended set streamed in random pieces equals extract(), bit for bit', async () => {
  const files = readdirSync(EMODB_WAV).filter((f) => f.endsWith('.wav')).sort().filter((_, i) => i % 45 === 0);
  const batch = await createExtendedExtractor(), s = (await createExtendedExtractor()).stream();
  for (const [i, f] of files.entries()) {
    const x = (await decodeAudioFile(EMODB_WAV + f)).samples;
    assertSame(streamed(s, batch, x, 7 * i + 1, 2, f), batch.extract(x), f);
  }
});

(emodb ? test : test.skip)('EmoDB, 6 recordings: the extended-v2 set streamed in random pieces equals extract(), bit for bit', async () => {
  const files = readdirSync(EMODB_WAV).filter((f) => f.endsWith('.wav')).sort().filter((_, i) => i % 90 === 7);
  const batch = await createExtended2Extractor(), s = (await createExtended2Extractor()).stream();
  for (const [i, f] of files.entries()) {
    const x = (await decodeAudioFile(EMODB_WAV + f)).samples;
    assertSame(streamed(s, batch, x, 11 * i + 3, 2, f), batch.extract(x), f);
  }
});

test('a snapshot leaves the stream as it was: ending after one equals ending without', async () => {
  const batch = await createExtendedExtractor(), s = (await createExtendedExtractor()).stream();
  const x = speechLike(1.1, 170, 24);
  for (let at = 0; at < x.length; at += 800) {
    s.push(x.subarray(at, at + 800));
    s.snapshot();
    s.snapshot();
  }
  assertSame(s.end(), batch.extract(x), 'after snapshots');
  s.push(x);
  s.reset();
  assert.is(s.samples, 0);
  s.push(x.subarray(0, 5000));
  assertSame(s.end(), batch.extract(x.slice(0, 5000)), 'after reset');
});

test.run();
