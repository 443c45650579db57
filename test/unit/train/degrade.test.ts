import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { activePower, augmentationId, parseAugmentations } from '../../../daemon/train/augment.ts';
import { degradeAudio, parseDegradation } from '../../../daemon/train/degrade.ts';
import { addAtSnr, convolve, pinkNoise, syntheticRir, whiteNoise } from '../../../daemon/train/room.ts';
import { createRng } from '../../../daemon/train/rng.ts';

const tone = (n: number) => Float32Array.from({ length: n }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 220 * i) / 16000) * (i % 8000 < 6000 ? 1 : 0.01));

test('FFT convolution equals direct convolution', () => {
  const rng = createRng(3);
  const x = Float32Array.from({ length: 300 }, () => rng.normal());
  const h = Float32Array.from({ length: 37 }, () => rng.normal());
  const y = convolve(x, h);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    for (let j = 0; j <= Math.min(i, h.length - 1); j++) s += x[i - j] * h[j];
    assert.ok(Math.abs(y[i] - s) < 1e-4, `${i}: ${y[i]} vs ${s}`);
  }
});

test('the synthetic room decays by 60 dB over its RT60 (Schroeder integral)', () => {
  for (const rt60 of [0.3, 0.8]) {
    const h = syntheticRir(rt60, createRng(5));
    // Backward-integrated energy, late part only (the direct path dominates the start).
    const e = new Float64Array(h.length);
    let acc = 0;
    for (let i = h.length - 1; i >= 0; i--) { acc += h[i] * h[i]; e[i] = acc; }
    const db = (i: number) => 10 * Math.log10(e[i] / e[200]);
    // The slope between -5 and -25 dB, extrapolated to -60 dB (T20 as ISO 3382 measures it).
    const at = (level: number) => e.findIndex((_, i) => i > 200 && db(i) <= level);
    const t20 = ((at(-25) - at(-5)) / 16000) * 3;
    assert.ok(Math.abs(t20 / rt60 - 1) < 0.15, `RT60 ${rt60}: measured ${t20.toFixed(3)}`);
  }
});

test('noise is added at the asked SNR of the active speech', () => {
  const x = tone(16000);
  for (const noise of [whiteNoise(16000, createRng(1)), pinkNoise(16000, createRng(2))]) {
    const y = addAtSnr(x, noise, 10);
    const added = Float32Array.from(y, (v, i) => v - x[i]);
    let p = 0;
    for (const v of added) p += v * v;
    const snr = 10 * Math.log10(activePower(x) / (p / added.length));
    assert.ok(Math.abs(snr - 10) < 0.01, `SNR ${snr}`);
  }
});

test('--degrade parses, orders reverberation first, and refuses what it cannot do', () => {
  assert.is(parseDegradation('noise:10,reverb:0.5').id, 'reverb:0.5+noise:10');
  assert.is(parseDegradation('babble:5').id, 'babble:5');
  assert.throws(() => parseDegradation('noise:10,white:5'), /one noise step/);
  assert.throws(() => parseDegradation('reverb:0'), /RT60/);
  assert.throws(() => parseDegradation('hum:3'), /expected reverb/);
  assert.throws(() => parseDegradation(''), /at least one step/);
});

test('degradation is seeded per file: same key, same audio; babble comes from the talkers given', async () => {
  const audio = { samples: tone(12000), sampleRate: 16000, source: { sampleRate: 16000, channels: 1, encoding: 'f32' } } as const;
  const d = parseDegradation('noise:10,reverb:0.5');
  const talkers = async () => [tone(5000).map((v) => v * 0.5), whiteNoise(7000, createRng(9))];
  const a = await degradeAudio(audio, d, 'spk1/a.flac', talkers);
  const b = await degradeAudio(audio, d, 'spk1/a.flac', talkers);
  const c = await degradeAudio(audio, d, 'spk1/b.flac', talkers);
  assert.equal(Array.from(a.samples), Array.from(b.samples));
  assert.not.equal(Array.from(a.samples.subarray(0, 50)), Array.from(c.samples.subarray(0, 50)));
  assert.is(a.samples.length, audio.samples.length);
  let called = 0;
  await degradeAudio(audio, parseDegradation('white:10'), 'x', async () => { called++; return []; });
  assert.is(called, 0);
});

test('--augment takes a room (steps chained with +), keyed like --degrade so the two share cached features', () => {
  const [room, white] = parseAugmentations('reverb:0.4+noise:15,noise:20');
  assert.is(room.kind, 'room');
  assert.is(augmentationId(room), 'degrade:reverb:0.4+noise:15');
  assert.equal(white, { kind: 'noise', snrDb: 20 });
  assert.throws(() => parseAugmentations('reverb:9+noise:15'), /RT60/);
});

test.run();
