// Rhythm features of the extended set on contours whose answer is known by construction.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RHYTHM_NAMES, rhythmFeatures, syllableNuclei } from '../../../daemon/features/extended/rhythm.ts';

const at = (v: Float32Array, n: string) => v[RHYTHM_NAMES.indexOf(n as (typeof RHYTHM_NAMES)[number])];

/** 100 frames/s: `count` syllables of 20 frames (-20 dB, voiced) each followed by `gap` frames at -70 dB. */
function syllables(count: number, gap: number) {
  const e: number[] = [], v: number[] = [];
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < 20; i++) { e.push(-40 + 20 * Math.sin((Math.PI * (i + 0.5)) / 20)); v.push(1); }
    for (let i = 0; i < gap; i++) { e.push(-70); v.push(0); }
  }
  return { e: Float32Array.from(e), v: Float32Array.from(v) };
}

test('syllable nuclei: one per energy bump, none on unvoiced or flat input', () => {
  const { e, v } = syllables(6, 15);
  assert.is(syllableNuclei(e, v), 6);
  assert.is(syllableNuclei(e, new Float32Array(e.length)), 0);
  assert.is(syllableNuclei(new Float32Array(200).fill(-30), new Float32Array(200).fill(1)), 0);
});

test('rates, run lengths and pauses of a regular pattern', () => {
  const { e, v } = syllables(5, 20); // 200 frames = 2 s, 5 voiced runs of 0.2 s, 5 pauses of 0.2 s
  const out = new Float32Array(RHYTHM_NAMES.length);
  assert.is(rhythmFeatures(v, e, 100, out, 0), RHYTHM_NAMES.length);
  assert.ok(Math.abs(at(out, 'voiced_ratio') - 0.5) < 1e-6);
  assert.ok(Math.abs(at(out, 'voiced_segments_per_s') - 2.5) < 1e-6);
  assert.ok(Math.abs(at(out, 'voiced_segment_mean_s') - 0.2) < 1e-6);
  assert.ok(Math.abs(at(out, 'voiced_segment_std_s')) < 1e-6);
  assert.ok(Math.abs(at(out, 'syllable_rate') - 2.5) < 1e-6);
  assert.ok(at(out, 'pause_ratio') >= 0.5 && at(out, 'pause_ratio') < 0.7, `pause_ratio ${at(out, 'pause_ratio')}`);
  assert.ok(at(out, 'articulation_rate') > at(out, 'syllable_rate'));
});

test('no frames: every value 0', () => {
  const out = new Float32Array(RHYTHM_NAMES.length).fill(7);
  rhythmFeatures(new Float32Array(0), new Float32Array(0), 100, out, 0);
  assert.ok(out.every((x) => x === 0));
});

test.run();
