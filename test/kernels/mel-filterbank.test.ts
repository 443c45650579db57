import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hzToMel, melBands, melBandsTolerance, melFilterbank } from '../../daemon/features/ref/mel-filterbank.ts';
import { assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const DESIGNS = [
  melFilterbank(26, 512, 16000, 20, 8000),
  melFilterbank(40, 512, 16000, 20, 8000),
  melFilterbank(3, 64, 16000, 100, 4000),
  melFilterbank(5, 1024, 16000, 0, 8000),
];

test('26 bands over 20-8000 Hz: every band non-empty, in order, weights in (0, 1]', () => {
  const fb = DESIGNS[0];
  let lastFirst = -1;
  for (let b = 0; b < 26; b++) {
    const first = fb.bands[3 * b], len = fb.bands[3 * b + 1], off = fb.bands[3 * b + 2];
    assert.ok(len > 0, `band ${b} empty`);
    assert.ok(first >= lastFirst, `band ${b} out of order`);
    lastFirst = first;
    for (let i = 0; i < len; i++) assert.ok(fb.weights[off + i] > 0 && fb.weights[off + i] <= 1);
  }
  assert.ok(Math.abs(hzToMel(1000) - 1000) < 0.5, 'HTK mel: 1000 Hz is ~1000 mel');
});

test('a single bin lands in the bands whose triangle covers it', () => {
  const fb = DESIGNS[0], p = new Float32Array(257), out = new Float32Array(26);
  p[32] = 1; // 1000 Hz
  melBands(p, fb, out);
  const hit = [...out].map((v, b) => [v, b]).filter(([v]) => v > 0).map(([, b]) => b);
  assert.ok(hit.length >= 1 && hit.length <= 2, `bands ${hit}`);
});

test('WASM builds match the reference for several designs', async () => {
  for (const k of await wasmKits()) {
    for (const [d, fb] of DESIGNS.entries()) {
      const bins = fb.bands.reduce((m, _, i) => (i % 3 === 0 ? Math.max(m, fb.bands[i] + fb.bands[i + 1]) : m), 0) + 1;
      const p = randomArray(bins, 17 + d, 0, 10);
      const want = new Float32Array(fb.nBands);
      melBands(p, fb, want);
      const pp = k.put(p), pb = k.put(fb.bands), pw = k.put(fb.weights), out = k.alloc(fb.nBands);
      k.wasm.melBands(pp, pb, fb.nBands, pw, out);
      assertClose(k.read(out, fb.nBands), want, melBandsTolerance, `${k.variant} design ${d}`);
      k.reset();
    }
  }
});

test.run();
