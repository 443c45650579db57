// The daemon's lean entry, bundled as `emotiond run` runs it (bin/bundle-entry.js): it
// builds, and loads at start only the packages the daemon always needs; the others (the
// embedded broker, audio file decoders, training and export) are loaded on demand or never.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error: plain JavaScript without declarations
import { bundleEntry } from '../../../bin/bundle-entry.js';

const source = async (): Promise<string> => {
  const url: string = await bundleEntry(new URL('../../../daemon/app/run-main.ts', import.meta.url));
  assert.ok(url.startsWith('data:text/javascript;base64,'));
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
};

test('run-main.ts bundles; its static imports are the packages the daemon always uses', async () => {
  const code = await source();
  const staticPackages = [...code.matchAll(/^import [^;]*? from "file:\/\/[^"]*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((m) => m[1]);
  const unique = [...new Set(staticPackages)].sort();
  for (const p of ['aedes', 'onnx-proto', 'wavefile', '@wasm-audio-decoders/flac', 'webgpu', 'tsx', 'commander']) {
    assert.not.ok(unique.includes(p), `${p} is imported at start: ${unique.join(', ')}`);
  }
  for (const p of ['onnxruntime-web', 'mqtt']) assert.ok(unique.includes(p), `${p} missing from ${unique.join(', ')}`);
  assert.match(code, /export\s*\{[^}]*\bmain\b/);
});

test('import.meta.url in the sources is the URL of each source file', async () => {
  const code = await source();
  assert.not.match(code, /import\.meta\.url/);
  assert.match(code, /"file:\/\/[^"]*\/daemon\/vad\/silero-scorer\.ts"/);
});

test.run();
