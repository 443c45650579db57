// features.backend and model.ep: declared in the config schema (file, environment override,
// validation), read by `emotiond analyze` (flags win) and by `emotiond run`. Where a command
// uses them is observed through a Dawn backend name that does not exist
// (EMOTIOND_WEBGPU__BACKEND=bogus): the feature stage then fails naming it, and the WebGPU EP
// falls back to WASM with a warning; neither happens when the WASM path is chosen.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backendChoice } from '../../../daemon/commands/backend-options.ts';
import { loadConfig, validateConfig } from '../../../daemon/config/load-config.ts';
import { configuredBackends } from '../../../daemon/config/stage-backends.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emotiond-backends-'));
const CLIP = join(ROOT, '../shared/datasets/emodb/wav/03a01Fa.wav');
const hasClip = existsSync(CLIP) && existsSync(join(ROOT, 'models/emotion.onnx'));
if (!hasClip) console.log('SKIP (CLI cases): needs ../shared/datasets/emodb and models/emotion.onnx');
const withClip = hasClip ? test : test.skip;

/** What the feature stage says when asked for WebGPU here (the daemon's log may JSON-escape quotes). */
const WEBGPU_ASKED = /WebGPU backend \\?"bogus\\?"|has no WebGPU path/;

function yaml(text: string): string {
  const p = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(p, text);
  return p;
}

function emotiond(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 120000, env: { ...process.env, ...env },
  });
}

test('defaults: wasm features, wasm EP', () => {
  assert.equal(configuredBackends(loadConfig(undefined, {})), { backend: 'wasm', ep: 'wasm' });
});

test('from a file and from EMOTIOND_FEATURES__BACKEND / EMOTIOND_MODEL__EP, the environment winning', () => {
  const f = yaml('features:\n  backend: auto\nmodel:\n  ep: webgpu\n');
  assert.equal(configuredBackends(loadConfig(f, {})), { backend: 'auto', ep: 'webgpu' });
  assert.equal(configuredBackends(loadConfig(f, { EMOTIOND_FEATURES__BACKEND: 'webgpu', EMOTIOND_MODEL__EP: 'wasm' })), { backend: 'webgpu', ep: 'wasm' });
  for (const b of ['wasm', 'webgpu', 'auto', 'wasm-scalar', 'ref']) assert.is(validateConfig({ features: { backend: b } }, 'x').features.backend, b);
});

test('bad values are reported with their paths', () => {
  try {
    validateConfig({ features: { backend: 'cuda', threads: 2 }, model: { ep: 'cpu' } }, 'x.yaml');
    assert.unreachable();
  } catch (err) {
    const m = (err as Error).message;
    assert.match(m, /features\.backend: /);
    assert.match(m, /features\.threads: unknown key/);
    assert.match(m, /model\.ep: /);
  }
});

test('flags win over the config; the config over the defaults', () => {
  const c = configuredBackends(validateConfig({ features: { backend: 'ref' }, model: { ep: 'webgpu' } }, 'x'));
  assert.equal(backendChoice({}, c), { backend: 'ref', ep: 'webgpu' });
  assert.equal(backendChoice({ backend: 'wasm' }, c), { backend: 'wasm', ep: 'webgpu' });
  assert.equal(backendChoice({ backend: 'auto', ep: 'wasm' }, c), { backend: 'auto', ep: 'wasm' });
});

withClip('analyze: features.backend from the config reaches the feature stage; --backend overrides it', () => {
  const cfg = yaml('features:\n  backend: webgpu\n');
  const bad = emotiond(['analyze', '--whole', '--jsonl', '-c', cfg, CLIP], { EMOTIOND_WEBGPU__BACKEND: 'bogus' });
  assert.is(bad.status, 1, bad.stderr);
  // Dawn refuses the backend, or (for a model whose feature set has no GPU path) the set does.
  assert.match(bad.stderr, WEBGPU_ASKED);
  const ok = emotiond(['analyze', '--whole', '--jsonl', '--backend', 'wasm', '-c', cfg, CLIP], { EMOTIOND_WEBGPU__BACKEND: 'bogus' });
  assert.is(ok.status, 0, ok.stderr);
  assert.is(JSON.parse(ok.stdout.trim()).file, CLIP);
});

withClip('analyze: model.ep from the config picks the EP (here it falls back, with a warning); --ep overrides it', () => {
  const cfg = yaml('model:\n  ep: webgpu\n');
  const env = { EMOTIOND_WEBGPU__BACKEND: 'bogus' };
  const viaConfig = emotiond(['analyze', '--whole', '--jsonl', '-c', cfg, CLIP], env);
  assert.is(viaConfig.status, 0, viaConfig.stderr);
  assert.match(viaConfig.stderr, /webgpu: .*using the WASM EP/);
  const viaFlag = emotiond(['analyze', '--whole', '--jsonl', '--ep', 'wasm', '-c', cfg, CLIP], env);
  assert.is(viaFlag.status, 0, viaFlag.stderr);
  assert.not.match(viaFlag.stderr, /using the WASM EP/);
  assert.equal(JSON.parse(viaFlag.stdout).scores, JSON.parse(viaConfig.stdout).scores);
});

withClip('run: the daemon builds its feature stage from features.backend', () => {
  const cfg = yaml([
    `state_dir: ${JSON.stringify(mkdtempSync(join(dir, 'state-')))}`,
    'source:', '  type: file', `  path: ${JSON.stringify(CLIP)}`, '  speed: 0',
    'vad:', '  engine: energy', 'features:', '  backend: webgpu', 'mqtt:', '  embedded_port: 0', 'http:', '  enabled: false', '',
  ].join('\n'));
  const r = emotiond(['run', '--config', cfg], { EMOTIOND_WEBGPU__BACKEND: 'bogus' });
  assert.is(r.status, 1, `status ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, WEBGPU_ASKED, r.stderr);
});

test.run();
