// Augmentations (speed, noise, gain), their spellings, and augmented training rows end to
// end on a tiny corpus: cached like the originals, added to training folds only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activePower, addNoise, applyGain, augmentationId, parseAugmentations, speedPerturb } from '../../../daemon/train/augment.ts';
import { evaluateModel, formatReport, trainModel } from '../../../daemon/train/index.ts';
import { normaliseByGroup } from '../../../daemon/train/speaker-norm.ts';
import { trainingSet } from '../../../daemon/train/training-set.ts';
import { matrix } from '../../../daemon/train/linalg.ts';
import { decodeTiny, tinyExtractor, writeTinyCorpus } from './tiny-corpus.ts';

const tone = (hz: number, n: number, amp = 0.5) => Float32Array.from({ length: n }, (_, t) => amp * Math.sin((2 * Math.PI * hz * t) / 16000));
const crossings = (x: Float32Array) => x.reduce((a, v, i) => a + (i > 0 && (v >= 0) !== (x[i - 1] >= 0) ? 1 : 0), 0);

test('parseAugmentations reads lists and rejects bad or repeated entries', () => {
  assert.equal(parseAugmentations('speed:0.9, speed:1.1,noise:20').map(augmentationId), ['speed:0.9', 'speed:1.1', 'noise:20']);
  assert.equal(parseAugmentations(['gain:-6', 'speed:1.2']).map((a) => a.kind), ['gain', 'speed']);
  for (const bad of ['speed:1', 'speed:3', 'pitch:2', 'noise', 'speed:0.9,speed:0.9']) {
    assert.throws(() => parseAugmentations(bad), RangeError, bad);
  }
});

test('speed perturbation by f: 1/f as long, frequencies f times higher', () => {
  const x = tone(200, 16000);
  for (const f of [0.8, 1.1]) {
    const y = speedPerturb(x, f);
    assert.ok(Math.abs(y.length - 16000 / f) <= 2, `${f}: ${y.length}`);
    const hz = crossings(y.subarray(400, y.length - 400)) / 2 / ((y.length - 800) / 16000);
    assert.ok(Math.abs(hz - 200 * f) < 2, `${f}: ${hz} Hz`);
  }
});

test('noise lands at the requested SNR against the active speech power, the same for the same seed', () => {
  const x = new Float32Array(32000);
  x.set(tone(300, 16000), 8000); // speech-like: a burst between silences
  const y = addNoise(x, 10, 7);
  const noise = Float32Array.from(y, (v, i) => v - x[i]);
  const snr = 10 * Math.log10(activePower(x) / (noise.reduce((a, v) => a + v * v, 0) / noise.length));
  assert.ok(Math.abs(snr - 10) < 0.3, `SNR ${snr}`);
  assert.equal([...addNoise(x, 10, 7).subarray(0, 50)], [...y.subarray(0, 50)]);
  assert.not.equal([...addNoise(x, 10, 8).subarray(0, 50)], [...y.subarray(0, 50)]);
  assert.ok(Math.abs(applyGain(tone(100, 160), -6)[4] / tone(100, 160)[4] - 0.501) < 0.001);
});

test('trainingSet appends each augmented copy of the chosen rows, with their speakers', () => {
  const ds = {
    x: matrix(3, 1, Float64Array.from([1, 2, 3])), y: Int32Array.from([0, 1, 0]), speakers: ['a', 'b', 'c'],
    augmented: [{ id: 'speed:0.9', x: matrix(3, 1, Float64Array.from([10, 20, 30])), failed: 0 }],
  };
  const t = trainingSet(ds, [2, 0]);
  assert.equal([...t.x.data], [3, 1, 30, 10]);
  assert.equal([...t.y], [0, 0, 0, 0]);
  assert.equal(t.speakers, ['c', 'a', 'c', 'a']);
});

test('normaliseByGroup gives every group zero mean and unit spread; constant columns map to 0', () => {
  const x = matrix(4, 2, Float64Array.from([1, 5, 3, 5, 10, 5, 30, 5]));
  const z = normaliseByGroup(x, ['a', 'a', 'b', 'b']);
  assert.equal([...z.data], [-1, 0, 1, 0, -1, 0, 1, 0]);
});

const root = mkdtempSync(join(tmpdir(), 'emotiond-aug-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

test('evaluate with augmentation: copies featurised once, cached, reported; speaker adaptation labelled', async () => {
  writeTinyCorpus(join(root, 'a'), { speakers: 4, perClass: 4, folds: 2, seed: 1 });
  const extractor = tinyExtractor();
  const common = {
    extractor, extractorVersion: 't1', decode: decodeTiny, cacheDir: join(root, 'cache'),
    corpora: [{ name: 'tinya', dir: join(root, 'a') }], model: 'lda' as const,
  };
  const fitRows: string[] = [];
  const r = await evaluateModel({
    ...common, protocol: 'loso', augment: parseAugmentations('speed:0.9,noise:30'),
    onProgress: (p) => { if (p.stage === 'fold' && /fitting/.test(p.message)) fitRows.push(p.message); },
  });
  assert.is(extractor.calls, 48 * 3);
  assert.equal(r.augment, ['speed:0.9', 'noise:30']);
  assert.is(r.rows, 48); // scored on the originals only
  assert.match(fitRows[0], /on 108 rows/); // 36 training rows x 3
  assert.ok(r.uar > 0.8, `UAR ${r.uar}`);
  assert.match(formatReport(r), /augmented speed:0\.9,noise:30/);
  assert.match(formatReport(r), /^speaker-independent/m);
  const again = await evaluateModel({ ...common, protocol: 'loso', augment: parseAugmentations('speed:0.9'), speakerAdaptation: true });
  assert.is(extractor.calls, 48 * 3); // everything came from the cache
  assert.ok(again.speakerAdaptation);
  assert.match(formatReport(again), /WITH SPEAKER ADAPTATION/);
  const trained = await trainModel({ ...common, out: join(root, 'models'), name: 'aug', augment: parseAugmentations('speed:0.9') });
  const training = trained.meta.training as Record<string, unknown>;
  assert.equal(training.augment, ['speed:0.9']);
  assert.is(training.trainingRows, 96);
});

test.run();
