import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCsv } from '../../../daemon/train/csv.ts';
import { resolveLabelMap } from '../../../daemon/train/labels.ts';
import { readCorpus, repoRoot, resolveCorpusDir, sharedCorpora } from '../../../daemon/train/corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'emotiond-corpus-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let made = 0;
async function dataset(text: string): Promise<string> {
  const d = join(dir, `c${made++}`);
  mkdirSync(d);
  writeFileSync(join(d, 'labels.csv'), text);
  return d;
}

async function fails(text: string, pattern: RegExp): Promise<void> {
  const d = await dataset(text);
  let err: (Error & { code?: string }) | undefined;
  try { await readCorpus({ name: 'x', dir: d }); } catch (e) { err = e as Error & { code?: string }; }
  assert.ok(err, `no error for ${JSON.stringify(text)}`);
  assert.is(err.code, 'DATASET');
  assert.match(err.message, pattern);
}

test('CSV: quoted commas, doubled quotes, CRLF, BOM, trailing newline', () => {
  assert.equal(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n3,\n'), [['a', 'b'], ['x, y', 'say "hi"'], ['3', '']]);
  assert.equal(parseCsv('a\n"multi\nline"'), [['a'], ['multi\nline']]);
  assert.throws(() => parseCsv('a\n"open'), /unterminated quoted field/);
});

test('reads path, speaker, emotion and an optional fold; extra columns ignored; paths made absolute', async () => {
  const d = await dataset('path,speaker,gender,emotion,text,fold\nw/a.wav,01,m,Anger,"hello, world",1\nw/b.wav,02,f,calm,x,\nw/c.wav,02,f,surprise,y,2\n');
  const c = await readCorpus({ name: 'tmp', dir: d });
  assert.is(c.entries.length, 3);
  assert.equal(c.entries[0], { path: join(d, 'w/a.wav'), relPath: 'w/a.wav', speaker: '01', emotion: 'anger', sourceEmotion: 'anger', fold: 1 });
  assert.is(c.entries[1].fold, null);
  assert.is(c.dropped, 0);
});

test('label maps: presets and custom maps merge and drop classes', async () => {
  const d = await dataset('path,speaker,emotion\na,1,calm\nb,1,surprise\nc,1,neutral\nd,2,boredom\n');
  const merged = await readCorpus({ name: 'm', dir: d, labelMap: 'calm-as-neutral' });
  assert.equal(merged.entries.map((e) => e.emotion), ['neutral', 'neutral', 'boredom']);
  assert.is(merged.dropped, 1);
  const six = await readCorpus({ name: 'm', dir: d, labelMap: 'common6' });
  assert.equal(six.entries.map((e) => e.relPath), ['a', 'c']);
  const custom = await readCorpus({ name: 'm', dir: d, labelMap: { boredom: 'sadness', calm: null } });
  assert.equal(custom.entries.map((e) => `${e.relPath}:${e.emotion}`), ['b:surprise', 'c:neutral', 'd:sadness']);
  assert.throws(() => resolveLabelMap('nope' as 'shared'), /unknown label map .nope./);
});

test('clear errors for missing files and malformed labels', async () => {
  let err: (Error & { code?: string }) | undefined;
  try { await readCorpus({ name: 'gone', dir: join(dir, 'does-not-exist') }); } catch (e) { err = e as Error & { code?: string }; }
  assert.is(err?.code, 'DATASET');
  assert.match(err!.message, /corpus 'gone': cannot read .*does-not-exist\/labels\.csv/);
  await fails('path,speaker\na,1\n', /missing column\(s\) emotion/);
  await fails('path,speaker,emotion\na,1,anger\na,2,fear\n', /data row 2: duplicate path 'a'/);
  await fails('path,speaker,emotion\n../x.wav,1,anger\n', /must stay inside the corpus folder/);
  await fails('path,speaker,emotion,fold\na,1,anger,one\n', /fold 'one' is not an integer/);
  await fails('path,speaker,emotion\na,,anger\n', /data row 1: empty speaker/);
  await fails('path,speaker,emotion\na,1\n', /data row 1 has 2 fields, the header has 3/);
});

test('relative corpus dirs resolve against the repository root', () => {
  assert.is(resolveCorpusDir('../shared/datasets/emodb'), resolve(repoRoot(), '../shared/datasets/emodb'));
  assert.ok(existsSync(join(repoRoot(), 'package.json')));
});

const shared = sharedCorpora();
const haveShared = shared.every((c) => existsSync(join(resolveCorpusDir(c.dir), 'labels.csv')));
const real = haveShared ? test : test.skip;
if (!haveShared) console.log('shared corpora not found under ../shared/datasets: skipping the real-corpus tests');

real('real EmoDB labels: 535 files, 10 speakers, 7 classes, no folds, files present', async () => {
  const c = await readCorpus(shared[0]);
  assert.is(c.entries.length, 535);
  assert.is(new Set(c.entries.map((e) => e.speaker)).size, 10);
  assert.equal([...new Set(c.entries.map((e) => e.emotion))].sort(), ['anger', 'boredom', 'disgust', 'fear', 'happiness', 'neutral', 'sadness']);
  assert.ok(c.entries.every((e) => e.fold === null));
  assert.ok(existsSync(c.entries[0].path) && existsSync(c.entries[534].path));
});

real('real RAVDESS labels: 1440 files, 24 speakers, 8 classes, 6 folds of 4 speakers; calm-as-neutral', async () => {
  const c = await readCorpus(shared[1]);
  assert.is(c.entries.length, 1440);
  assert.is(new Set(c.entries.map((e) => e.speaker)).size, 24);
  assert.is(new Set(c.entries.map((e) => e.emotion)).size, 8);
  for (let f = 1; f <= 6; f++) assert.is(new Set(c.entries.filter((e) => e.fold === f).map((e) => e.speaker)).size, 4);
  assert.ok(existsSync(c.entries[0].path));
  const merged = await readCorpus({ ...shared[1], labelMap: 'calm-as-neutral' });
  assert.is(merged.dropped, c.entries.filter((e) => e.emotion === 'surprise').length);
  assert.not.ok(merged.entries.some((e) => e.emotion === 'calm' || e.emotion === 'surprise'));
});

test.run();
