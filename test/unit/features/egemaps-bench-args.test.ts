// bench/egemaps-features.ts's openSMILE side without openSMILE: the flags and environment
// it reads, where it looks for eGeMAPSv02.conf, and a run against a stand-in SMILExtract
// (a shell script that checks the arguments it is given and writes a CSV), so that the
// whole path up to the printed ratio is exercised.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BenchUsageError, egemapsConfFor, measureChild, parseBenchArgs, smilextractArgs,
} from '../../../bench/egemaps-smilextract.ts';

const dir = mkdtempSync(join(tmpdir(), 'egemaps-bench-test-'));
// An openSMILE source tree's layout: build/progsrc/smilextract/SMILExtract, config/egemaps/v02/.
const bin = join(dir, 'build', 'progsrc', 'smilextract', 'SMILExtract');
const conf = join(dir, 'config', 'egemaps', 'v02', 'eGeMAPSv02.conf');
mkdirSync(join(dir, 'build', 'progsrc', 'smilextract'), { recursive: true });
mkdirSync(join(dir, 'config', 'egemaps', 'v02'), { recursive: true });
writeFileSync(conf, '; stand-in\n');
writeFileSync(bin, `#!/bin/bash
# Stand-in for SMILExtract: checks -C CONF -I WAV -csvoutput CSV -nologfile, writes a CSV.
[ "$1" = -C ] && [ -f "$2" ] && [ "$3" = -I ] && [ -f "$4" ] && [ "$5" = -csvoutput ] && [ "$7" = -nologfile ] || { echo "bad args: $*" >&2; exit 3; }
head -c 44 "$4" | grep -q WAVE || { echo "not a WAV" >&2; exit 4; }
echo "name;frameTime;F0semitoneFrom27.5Hz_sma3nz_amean" > "$6"
echo "'unknown';0;30.0" >> "$6"
`);
chmodSync(bin, 0o755);

test('defaults, positional seconds and flags', () => {
  assert.equal(parseBenchArgs([]), { seconds: 60, repeats: 3, backends: ['wasm', 'wasm-scalar', 'ref'] });
  const a = parseBenchArgs(['120', '--repeats', '5', '--backends', 'wasm,ref', '--smilextract', bin, '--egemaps-conf', conf]);
  assert.equal(a, { seconds: 120, repeats: 5, backends: ['wasm', 'ref'], smilextract: bin, egemapsConf: conf });
});

test('SMILEXTRACT and SMILEXTRACT_CONF from the environment; flags win', () => {
  assert.is(parseBenchArgs([], { SMILEXTRACT: bin }).smilextract, bin);
  assert.is(parseBenchArgs([], { SMILEXTRACT_CONF: conf }).egemapsConf, conf);
  assert.is(parseBenchArgs([], { SMILEXTRACT: '' }).smilextract, undefined);
  assert.throws(() => parseBenchArgs(['--smilextract', join(dir, 'nope')], { SMILEXTRACT: bin }), /not found/);
});

test('bad arguments are usage errors', () => {
  for (const argv of [['--smilextract'], ['--smilextract', '--repeats'], ['0'], ['abc'], ['--repeats', '-1'], ['--backends', 'gpu'],
    ['--frobnicate'], ['10', '20'], ['--help']]) {
    assert.throws(() => parseBenchArgs(argv), (e: unknown) => e instanceof BenchUsageError, argv.join(' '));
  }
  assert.throws(() => parseBenchArgs([], { SMILEXTRACT: join(dir, 'missing') }), /not found/);
});

test('eGeMAPSv02.conf is found next to the binary or given', () => {
  assert.is(egemapsConfFor(bin), conf);
  assert.is(egemapsConfFor(bin, conf), conf);
  assert.is(egemapsConfFor(bin, join(dir, 'other.conf')), null);
  assert.is(egemapsConfFor(join(tmpdir(), 'SMILExtract')), null);
  assert.equal(smilextractArgs('c.conf', 'a.wav', 'o.csv'), ['-C', 'c.conf', '-I', 'a.wav', '-csvoutput', 'o.csv', '-nologfile']);
});

test('a child is measured: exit status, CPU seconds, peak memory', () => {
  const u = measureChild('/bin/sh', ['-c', 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo done']);
  assert.is(u.status, 0);
  assert.is(u.stdout.trim(), 'done');
  assert.ok(u.cpuSeconds >= 0 && Number.isFinite(u.cpuSeconds), `${u.cpuSeconds}`);
  assert.ok(u.peakMiB > 0, `${u.peakMiB}`);
  assert.is(measureChild('/bin/sh', ['-c', 'exit 7']).status, 7);
});

test('the benchmark runs the given SMILExtract on the same audio and prints both rows and the ratio', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/egemaps-features.ts', '1', '--repeats', '1', '--backends', 'wasm'], {
    encoding: 'utf8', env: { ...process.env, SMILEXTRACT: bin },
  });
  assert.match(out, /\| wasm-simd \| \d+ \| \d+ \|/);
  assert.match(out, /\| emotiond wasm-simd .* \| [\d.]+ \| \d+ \| \d+ \|/);
  assert.match(out, /\| openSMILE SMILExtract \(eGeMAPSv02\.conf\) \| [\d.]+ \|/);
  assert.match(out, /throughput ratio \(process CPU time, openSMILE \/ ours\): [\d.]+x; peak memory: ours \d+ MiB, openSMILE \d+ MiB/);
  assert.match(out, /load average before: [\d.]+ [\d.]+ [\d.]+/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
