// `emotiond eval --protocol loco` on the command line: corpora it cannot use are refused
// with the corpus named and exit code 2 before anything is extracted or written, and (when
// the shared corpora are present) a small run over a slice of all five gives a report of
// the expected shape.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SHARED = join(root, '../shared/datasets');
const CORPORA = { emodb: 'emodb', ravdess: 'ravdess', nemo: 'nemo', emovo: 'emovo', ko: 'emotiontts_ko' } as const;
const present = Object.values(CORPORA).every((d) => existsSync(join(SHARED, d, 'labels.csv')));
if (!present) console.log('SKIP: the LOCO smoke run needs ../shared/datasets (all five corpora)');
const withCorpora = present ? test : test.skip;

const cli = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [join(root, 'bin/emotiond.js'), ...args], { cwd, encoding: 'utf8', timeout: 600_000 });

let dir = '';
test.before(() => { dir = mkdtempSync(join(tmpdir(), 'emotiond-loco-')); });
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A corpus folder with labels.csv only (the refusals come before any audio is read). */
function labelsOnly(name: string, rows: [string, string][]): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'labels.csv'), ['path,speaker,emotion', ...rows.map(([spk, emo], i) => `a${i}.wav,${spk},${emo}`)].join('\n') + '\n');
  return d;
}

/** Feature-cache entries of these corpus names (nothing may be extracted for a refused run). */
const cached = (names: string[]) => {
  const d = join(root, '.cache/features');
  return existsSync(d) ? readdirSync(d).filter((f) => names.some((n) => f.startsWith(`${n}-`))) : [];
};

function refused(args: string[], re: RegExp): void {
  const names = args.filter((a) => a.includes('=')).map((a) => a.split('=')[0]);
  const before = cached(names);
  const r = cli(['eval', '--protocol', 'loco', '--labels', 'shared', ...args], dir);
  assert.is(r.status, 2, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, re);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.is(r.stdout, '');
  assert.equal(cached(names), before);
}

test('a corpus folder without labels.csv is named', () => {
  const good = labelsOnly('good', [['1', 'anger'], ['2', 'sadness']]);
  mkdirSync(join(dir, 'empty'), { recursive: true });
  refused(['--corpus', `good=${good}`, '--corpus', `empty=${join(dir, 'empty')}`], /corpus 'empty': cannot read .*labels\.csv/);
});

test('an unknown emotion name is named with its corpus and row', () => {
  const good = labelsOnly('good2', [['1', 'anger'], ['2', 'sadness']]);
  const odd = labelsOnly('odd', [['1', 'anger'], ['2', 'joyful']]);
  refused(['--corpus', `good=${good}`, '--corpus', `odd=${odd}`], /corpus 'odd': .*data row 2: unknown emotion 'joyful'/);
});

test('a corpus with one class, and one sharing no class with the rest, are refused', () => {
  const a = labelsOnly('a', [['1', 'anger'], ['2', 'sadness']]);
  const one = labelsOnly('one', [['1', 'anger'], ['2', 'anger']]);
  refused(['--corpus', `a=${a}`, '--corpus', `one=${one}`], /corpus 'one' has only one class/);
  const other = labelsOnly('other', [['1', 'fear'], ['2', 'boredom']]);
  refused(['--corpus', `a=${a}`, '--corpus', `other=${other}`], /corpus 'a' shares no class/);
  refused(['--corpus', `a=${a}`], /at least 2 corpora/);
});

test('--degrade and --adapt are checked, and belong to loco', () => {
  const a = labelsOnly('a3', [['1', 'anger'], ['2', 'sadness']]);
  const r = cli(['eval', '--corpus', `a=${a}`, '--protocol', 'loco', '--degrade', 'noise:loud']);
  assert.is(r.status, 2);
  assert.match(r.stderr, /--degrade 'noise:loud'/);
  const s = cli(['eval', '--corpus', `a=${a}`, '--protocol', 'loso', '--adapt', 'running']);
  assert.is(s.status, 2);
  assert.match(s.stderr, /apply to --protocol loco/);
});

withCorpora('a small leave-one-corpus-out run over all five corpora', () => {
  // 24 files of each corpus (6 per core class, spread over speakers), linked, not copied.
  const args: string[] = [];
  for (const [name, folder] of Object.entries(CORPORA)) {
    const src = join(SHARED, folder);
    const [header, ...lines] = readFileSync(join(src, 'labels.csv'), 'utf8').trim().split('\n');
    const cols = header.split(',');
    const emo = cols.indexOf('emotion');
    const picked = ['anger', 'happiness', 'neutral', 'sadness'].flatMap((c) => {
      const rows = lines.filter((l) => l.split(',')[emo] === c);
      return Array.from({ length: 6 }, (_, i) => rows[Math.floor((i * rows.length) / 6)]);
    });
    const d = join(dir, 'smoke', name);
    mkdirSync(d, { recursive: true });
    for (const sub of readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory())) symlinkSync(join(src, sub.name), join(d, sub.name));
    writeFileSync(join(d, 'labels.csv'), [header, ...picked].join('\n') + '\n');
    args.push('--corpus', `${name}=${d}`);
    assert.ok(existsSync(join(d, dirname(picked[0].split(',')[0]))));
  }
  const r = cli(['eval', '--protocol', 'loco', ...args, '--json', '-q']);
  assert.is(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.is(report.protocol, 'loco');
  assert.equal(report.core4.folds.map((f: { corpus: string }) => f.corpus), Object.keys(CORPORA));
  for (const f of report.core4.folds) {
    assert.equal(f.classes, ['anger', 'happiness', 'neutral', 'sadness']);
    assert.is(f.testRows, 24);
    assert.is(Object.values(f.predicted as Record<string, number>).reduce((a, b) => a + b, 0), 24);
    assert.ok(f.calibration.ece >= 0 && f.calibration.nll > 0);
    assert.ok(f.temperature > 0);
  }
  assert.ok(report.core4.mean.uar > 0.25, `mean UAR ${report.core4.mean.uar}`);
});

test.run();
