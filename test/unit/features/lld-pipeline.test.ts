import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { frameCount } from '../../../daemon/features/analysis-config.ts';
import { createKernels } from '../../../daemon/features/extractor.ts';
import type { FeatureBackend } from '../../../daemon/features/frame-kernels.ts';
import { computeLlds, lldColumns } from '../../../daemon/features/lld-pipeline.ts';
import { DEFAULT_LLDS } from '../../../daemon/features/lld-registry.ts';
import { speechLike } from './speech-like.ts';

test('frame count: 25 ms frames every 10 ms; one padded frame below 25 ms; none for no input', () => {
  assert.is(frameCount(0), 0);
  assert.is(frameCount(1), 1);
  assert.is(frameCount(400), 1);
  assert.is(frameCount(559), 1);
  assert.is(frameCount(560), 2);
  assert.is(frameCount(16000), 98);
});

test('columns: 29 named LLDs in a fixed order', () => {
  const cols = lldColumns();
  assert.is(cols.length, 29);
  assert.equal(cols.slice(0, 4), ['loudness', 'rms', 'log_energy', 'zcr']);
  assert.ok(cols.includes('mfcc0') && cols.includes('mfcc13') && cols.includes('f0_semitone'));
});

test('matrix: column-major, frames x columns, named access; a subset of LLDs gives the same columns', async () => {
  for (const backend of ['wasm', 'ref'] as FeatureBackend[]) {
    const k = await createKernels(backend);
    const x = speechLike(0.8);
    const m = computeLlds(k, x);
    assert.is(m.frames, frameCount(x.length));
    assert.is(m.frameRate, 100);
    assert.is(m.data.length, m.frames * m.names.length);
    assert.equal(m.column('zcr'), m.data.subarray(3 * m.frames, 4 * m.frames));
    const subset = DEFAULT_LLDS.filter((d) => d.columns.includes('zcr') || d.columns.includes('spectral_flux'));
    const s = computeLlds(k, x, subset);
    assert.equal(s.names, ['zcr', 'spectral_flux']);
    assert.equal(s.column('spectral_flux'), m.column('spectral_flux'));
    assert.equal(s.column('zcr'), m.column('zcr'));
    assert.throws(() => m.column('nope'), /no LLD column/);
  }
});

test('F0 semitones are relative to 27.5 Hz and 0 exactly where unvoiced', async () => {
  const m = computeLlds(await createKernels('wasm'), speechLike(1));
  const hz = m.column('f0_hz'), st = m.column('f0_semitone'), v = m.column('voiced'), hnr = m.column('hnr_db');
  for (let i = 0; i < m.frames; i++) {
    if (v[i]) assert.ok(Math.abs(st[i] - 12 * Math.log2(hz[i] / 27.5)) < 1e-4);
    else assert.ok(hz[i] === 0 && st[i] === 0 && hnr[i] === 0);
  }
});

test('a long signal after a short one, and back: memory grows and is reused', async () => {
  const k = await createKernels('wasm');
  const short = speechLike(0.5), long = speechLike(120, 150, 4);
  const a = computeLlds(k, short).data.slice();
  assert.is(computeLlds(k, long).frames, frameCount(long.length));
  assert.equal(computeLlds(k, short).data, a);
});

test.run();
