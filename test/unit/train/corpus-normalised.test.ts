// Training for devices that adapt (normalise=corpus): each training corpus standardised on
// its own, the raw rows' statistics kept as where a device starts, the sidecar marking the
// model as reading device-standardised features; and what it is for: on corpora that
// differ by a room-like gain and offset, the adapted model recovers what the plain one
// loses, and without adaptation it reads raw rows through the prior.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runningAdaptedRows } from '../../../daemon/train/adapted-rows.ts';
import { fitRecipe } from '../../../daemon/train/calibrated-model.ts';
import { standardisePerCorpus, strictInput } from '../../../daemon/train/corpus-normalised.ts';
import type { Dataset } from '../../../daemon/train/dataset.ts';
import { buildModelMeta } from '../../../daemon/train/export-onnx.ts';
import { takeRows } from '../../../daemon/train/linalg.ts';
import { leaveOneCorpusOut } from '../../../daemon/train/loco.ts';
import { parseModelParams } from '../../../daemon/train/model-params.ts';
import { fitStandardiser } from '../../../daemon/train/standardise.ts';
import { syntheticClasses } from './synthetic.ts';

/** Three corpora, each of its own speakers, its features scaled and shifted as by its own room. */
function rooms(): Dataset {
  const d = syntheticClasses({ speakers: 9, classes: 4, separation: 1.2, seed: 21 });
  const corpusOf = (s: string) => Number(s.slice(3)) % 3;
  const x = { ...d.x, data: d.x.data.slice() };
  d.speakers.forEach((s, i) => {
    const c = corpusOf(s);
    for (let j = 0; j < x.cols; j++) x.data[i * x.cols + j] = x.data[i * x.cols + j] * [1, 2.5, 0.4][c] + [0, 4, -3][c] * (1 + 9 * j) * (j % 2 ? 1 : -1);
  });
  return {
    featureNames: d.featureNames, x, y: d.y, classes: d.classes,
    speakers: d.speakers.map((s) => `c${corpusOf(s)}:${s}`), folds: d.speakers.map(() => null), paths: d.speakers.map((_, i) => `f${i}`),
    corpora: [], nonFinite: 0, skipped: [], augmented: [],
  };
}

test('each corpus standardised on its own statistics', () => {
  const ds = rooms();
  const z = standardisePerCorpus(ds.x, ds.speakers);
  for (const c of ['c0', 'c1', 'c2']) {
    const rows = [...ds.speakers.keys()].filter((i) => ds.speakers[i].startsWith(`${c}:`));
    const s = fitStandardiser(takeRows(z, rows));
    for (let j = 0; j < z.cols; j++) {
      assert.ok(Math.abs(s.mean[j]) < 1e-9 && Math.abs(s.std[j] - 1) < 1e-9, `${c} feature ${j}: ${s.mean[j]} ${s.std[j]}`);
    }
  }
  assert.throws(() => standardisePerCorpus(ds.x, ds.speakers.slice(1)), /speakers for/);
});

test('normalise=corpus: fitted on standardised rows, the raw statistics kept, the sidecar says device', () => {
  const ds = rooms();
  const opts = parseModelParams(['normalise=corpus', 'logreg.c=0.1', 'calibrate=temperature']);
  assert.is(opts.normalise, 'corpus');
  assert.throws(() => parseModelParams(['normalise=speaker']), /expected one of none, corpus/);
  const input = { x: ds.x, y: ds.y, classes: ds.classes, featureNames: ds.featureNames, speakers: ds.speakers, seed: 1 };
  const model = fitRecipe('logreg', input, opts);
  const raw = fitStandardiser(ds.x);
  assert.equal(Array.from(model.inputNormalisation!.prior.mean), Array.from(raw.mean));
  assert.is(model.info.normalise, 'corpus');
  assert.ok((model.info.calibration as { temperature: number }).temperature > 0);
  // Its own standardiser was fitted on standardised rows: mean ~0, std ~1.
  for (let j = 0; j < ds.x.cols; j++) assert.ok(Math.abs(model.scaler.mean[j]) < 1e-9 && Math.abs(model.scaler.std[j] - 1) < 1e-6);
  const meta = buildModelMeta(model, 'adaptive', {}, {}, 'egemaps-v02');
  assert.is(meta.featureNormalisation, 'device');
  assert.equal(meta.featureStatistics!.mean, Array.from(raw.mean, Math.fround));
  // Strict input: raw rows standardised on the prior.
  const strict = strictInput(model, takeRows(ds.x, [0]));
  assert.ok(Math.abs(strict.data[0] - (ds.x.data[0] - raw.mean[0]) / raw.std[0]) < 1e-12);
  // A plain model: no marking, raw rows as they are.
  const plain = fitRecipe('logreg', input, parseModelParams(['logreg.c=0.1']));
  assert.is(plain.inputNormalisation, undefined);
  assert.is(buildModelMeta(plain, 'plain', {}, {}).featureNormalisation, undefined);
  assert.is(strictInput(plain, ds.x), ds.x);
});

test('across rooms: the adapted corpus-normalised model recovers what the plain one loses', async () => {
  const ds = rooms();
  const uar = async (opts: Parameters<typeof leaveOneCorpusOut>[2]) => (await leaveOneCorpusOut(ds, 'logreg', opts)).shared.mean.uar;
  const adaptedRows = { testRows: (corpus: string, rows: readonly number[], model: Parameters<typeof runningAdaptedRows>[2]) => runningAdaptedRows(ds.x, rows, model, 1, corpus) };
  const strictRows = { testRows: (_: string, rows: readonly number[], model: Parameters<typeof strictInput>[0]) => strictInput(model, takeRows(ds.x, rows)) };
  const plain = await uar({ logreg: { c: 0.1 } });
  const adapted = await uar({ logreg: { c: 0.1 }, normalise: 'corpus', ...adaptedRows });
  const strictOnly = await uar({ logreg: { c: 0.1 }, normalise: 'corpus', ...strictRows });
  console.log(`    plain ${plain.toFixed(3)}, adapted ${adapted.toFixed(3)}, strict ${strictOnly.toFixed(3)}`);
  assert.ok(adapted > plain + 0.1, `adapted ${adapted} against plain ${plain}`);
  assert.ok(adapted > 0.7, `adapted ${adapted}`);
  // Without adaptation the corpus-normalised model has nothing to undo the room with.
  assert.ok(strictOnly < adapted - 0.15, `strict ${strictOnly} against adapted ${adapted}`);
});

test.run();
