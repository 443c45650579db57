import { Command } from 'commander';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { addBackendOptions, backendChoice } from '../../../daemon/commands/backend-options.ts';

function parse(args: string[]): { backend?: string; ep?: string } {
  let got: { backend?: string; ep?: string } = {};
  const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  addBackendOptions(program.command('analyze').argument('<files...>')).action((_f, opts) => void (got = opts));
  program.parse(['node', 'emotiond', 'analyze', ...args, 'a.wav']);
  return got;
}

test('defaults: wasm features, wasm EP', () => {
  assert.equal(backendChoice(parse([])), { backend: 'wasm', ep: 'wasm' });
});

test('--backend and --ep are parsed and win over the fallback', () => {
  assert.equal(backendChoice(parse(['--backend', 'webgpu', '--ep', 'webgpu'])), { backend: 'webgpu', ep: 'webgpu' });
  assert.equal(backendChoice(parse(['--backend', 'auto']), { backend: 'webgpu', ep: 'webgpu' }), { backend: 'auto', ep: 'webgpu' });
  assert.equal(backendChoice(parse([]), { ep: 'webgpu' }), { backend: 'wasm', ep: 'webgpu' });
});

test('unknown names are refused: by commander for flags, as USAGE errors otherwise', () => {
  assert.throws(() => parse(['--backend', 'gpu']), /Allowed choices are auto, wasm, webgpu/);
  assert.throws(() => parse(['--ep', 'cuda']), /Allowed choices are wasm, webgpu/);
  try {
    backendChoice({}, { ep: 'cuda' as 'wasm' });
    assert.unreachable();
  } catch (err) {
    assert.is((err as { code?: string }).code, 'USAGE');
  }
});

test.run();
