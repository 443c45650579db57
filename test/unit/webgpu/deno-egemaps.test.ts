// eGeMAPS on WebGPU under Deno (its built-in WebGPU instead of Dawn): the features CLI, run by
// Deno from the same sources, against the WASM backend under Node, on two synthetic
// utterances, within the bound of webgpu-egemaps.test.ts. Skipped, with the reason printed,
// where Deno (npm package `deno`) or its WebGPU adapter is missing. (The probe prints a
// string: FORCE_COLOR, which the test runner may inherit, makes Deno colour a printed boolean.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import wavefile from 'wavefile';
import { speechLike } from '../features/speech-like.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const local = join(ROOT, 'node_modules/.bin/deno');
const deno = existsSync(local) ? local : spawnSync('deno', ['--version']).status === 0 ? 'deno' : null;
const dir = mkdtempSync(join(tmpdir(), 'emotiond-deno-egemaps-'));
const wavs = [[1.8, 140, 5], [1.2, 230, 6]].map(([s, f0, seed], i) => {
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 16000, '16', Int16Array.from(speechLike(s, f0, seed), (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
  const p = join(dir, `u${i}.wav`);
  writeFileSync(p, w.toBuffer());
  return p;
});

const args = (backend: string) => ['features', '--set', 'egemaps', '--backend', backend, '--csv', ...wavs];
const rows = (out: string) => out.trim().split('\n').map((l) => l.split(','));

const probe = deno ? spawnSync(deno, ['eval', 'console.log(String(!!(await navigator.gpu?.requestAdapter())))'], { encoding: 'utf8', timeout: 60_000 }) : null;
const reason = !deno ? 'no deno (npm i deno, or deno on the PATH)' : probe?.stdout.trim() !== 'true' ? `Deno has no WebGPU adapter (${probe?.stderr.slice(-300) ?? ''})` : null;
if (reason) console.log(`skipped the Deno eGeMAPS WebGPU test: ${reason}`);

(reason ? test.skip : test)('deno run -A daemon/cli.ts features --set egemaps --backend webgpu matches WASM under Node', () => {
  const d = spawnSync(deno!, ['run', '-A', 'daemon/cli.ts', ...args('webgpu')], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  assert.is(d.status, 0, d.stderr);
  const n = spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), ...args('wasm')], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  assert.is(n.status, 0, n.stderr);
  const [gh, ...g] = rows(d.stdout), [wh, ...w] = rows(n.stdout);
  assert.equal(gh, wh);
  assert.is(g.length, 2);
  g.forEach((row, j) => {
    assert.is(row[0], w[j][0]);
    for (let i = 1; i < row.length; i++) {
      const a = Number(row[i]), b = Number(w[j][i]), abs = gh[i].startsWith('mfcc') ? 1e-4 : 1e-6;
      assert.ok(Math.abs(a - b) <= 1e-3 * Math.abs(b) + abs, `${row[0]} ${gh[i]}: deno webgpu ${a} vs node wasm ${b}`);
    }
  });
});

test.run();
