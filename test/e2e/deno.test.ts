// The same sources under Deno (npm package `deno`, or `deno` on the PATH): the analyze CLI
// gives what it gives under Node, and the WebGPU feature kernels and EP run on Deno's own
// WebGPU (wgpu). Without a GPU it finds Mesa's llvmpipe through EGL with the Mesa packages
// scripts/setup.sh installs (tried without and with Vulkan's lavapipe installed as well).
// Skipped, with the reason printed, where Deno or its WebGPU adapter is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import wavefile from 'wavefile';
import { speechLike } from '../unit/features/speech-like.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const local = join(ROOT, 'node_modules/.bin/deno');
const deno = existsSync(local) ? local : spawnSync('deno', ['--version']).status === 0 ? 'deno' : null;
const dir = mkdtempSync(join(tmpdir(), 'emotiond-deno-'));
const wav = join(dir, 'speech.wav');
{
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 16000, '16', Int16Array.from(speechLike(2.5, 160, 3), (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
  writeFileSync(wav, w.toBuffer());
}

// The WebGPU feature path computes emotiond-v1 only: GPU cases use the model kept for it.
const V1_MODEL = { EMOTIOND_MODEL__PATH: 'models/emotion-v1.onnx' };
const run = (cmd: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 180_000, env: { ...process.env, ...env } });
const denoRun = (args: string[], env?: Record<string, string>) => run(deno!, ['run', '-A', ...args], env);
const nodeCli = (args: string[], env?: Record<string, string>) => run(process.execPath, [join(ROOT, 'bin/emotiond.js'), ...args], env);
const jsonLine = (out: string) => out.split('\n').find((l) => l.startsWith('{')) ?? '';

const denoTest = (name: string, fn: () => void): void => {
  if (deno) return test(name, fn);
  console.log(`skipped "${name}": no deno (npm i deno, or deno on the PATH)`);
  test.skip(name, fn);
};

denoTest('deno run -A daemon/cli.ts analyze --whole --jsonl gives the Node result', () => {
  const d = denoRun(['daemon/cli.ts', 'analyze', '--whole', '--jsonl', wav]);
  assert.is(d.status, 0, d.stderr);
  const n = nodeCli(['analyze', '--whole', '--jsonl', wav]);
  assert.is(n.status, 0, n.stderr);
  assert.ok(jsonLine(d.stdout), d.stdout);
  assert.equal(JSON.parse(jsonLine(d.stdout)), JSON.parse(jsonLine(n.stdout)));
});

denoTest('under Deno, analyze --jobs 2 spreads files over worker threads and prints what Node prints', () => {
  const files = [wav, wav, wav];
  const d = denoRun(['daemon/cli.ts', 'analyze', '--whole', '--jsonl', '--jobs', '2', ...files]);
  assert.is(d.status, 0, d.stderr);
  const n = nodeCli(['analyze', '--whole', '--jsonl', '--jobs', '1', ...files]);
  assert.is(n.status, 0, n.stderr);
  assert.is(d.stdout.trim().split('\n').length, 3);
  assert.is(d.stdout, n.stdout);
});

const child = deno ? denoRun(['test/e2e/deno-webgpu-child.ts', wav, join(ROOT, 'models/emotion-v1.onnx')]) : null;
const result = child ? JSON.parse(jsonLine(child.stdout) || 'null') : null;
const gpuReason = !deno ? 'no deno' : !result ? `the Deno run failed: ${child!.stderr.slice(-1500)}` :
  result.adapter === null ? 'Deno has no WebGPU adapter (Mesa: libegl1 libegl-mesa0 libgl1-mesa-dri)' : null;

(gpuReason && !(deno && !result) ? test.skip : test)('under Deno, WebGPU features and the WebGPU EP match the WASM path', () => {
  assert.ok(result, gpuReason ?? '');
  console.log(`Deno WebGPU: ${result.adapter}; features ${result.featureRel.toExponential(1)} relative, probabilities ${result.probDiff.toExponential(1)}`);
  assert.ok(result.featureRel <= 1e-3, `features differ by ${result.featureRel}`);
  assert.is(result.ep, 'webgpu');
  assert.ok(result.probDiff <= 1e-4, `probabilities differ by ${result.probDiff}`);
});
if (gpuReason && !(deno && !result)) console.log(`skipped the Deno WebGPU test: ${gpuReason}`);

// The CLI gets --backend/--ep from daemon/commands/backend-options.ts once cli.ts wires it.
const help = deno ? nodeCli(['analyze', '--help']).stdout : '';
(help.includes('--backend') ? test : test.skip)('deno: analyze --backend webgpu --ep webgpu gives the WASM result', () => {
  const d = denoRun(['daemon/cli.ts', 'analyze', '--whole', '--jsonl', '--backend', 'webgpu', '--ep', 'webgpu', wav], V1_MODEL);
  assert.is(d.status, 0, d.stderr);
  const n = nodeCli(['analyze', '--whole', '--jsonl', wav], V1_MODEL);
  const [a, b] = [JSON.parse(jsonLine(d.stdout)), JSON.parse(jsonLine(n.stdout))];
  for (const k of Object.keys(b.scores)) assert.ok(Math.abs(a.scores[k] - b.scores[k]) <= 2e-4, `${k}: ${a.scores[k]} vs ${b.scores[k]}`);
});
if (deno && !help.includes('--backend')) console.log('skipped the Deno --backend test: `emotiond analyze` has no --backend flag yet');

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
