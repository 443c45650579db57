// Small helpers shared by the audio tests: visible skips, error assertions, temp folders,
// and where the shared corpora and tools are.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotiondError, type ErrorCode } from '../../../daemon/core/errors.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** The shared corpora, relative to the repository root as the project documents them. */
export const datasets = join(repoRoot, '../shared/datasets');

/** Registers `name` as skipped and says why on the test output, so a skip is never silent. */
export function skipVisibly(name: string, reason: string): void {
  console.log(`  SKIPPED: ${name} (${reason})`);
  test.skip(name, () => {});
}

export function hasCommand(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

const dirs: string[] = [];
process.on('exit', () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `emotiond-${prefix}-`));
  dirs.push(d);
  return d;
}

/** Asserts that `fn` fails with an EmotiondError of `code` whose message matches every pattern. */
export async function expectError(fn: () => unknown, code: ErrorCode, patterns: (RegExp | string)[]): Promise<EmotiondError> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected an EmotiondError ${code}, nothing was thrown`);
  assert.instance(caught, EmotiondError, `expected an EmotiondError, got ${String(caught)}`);
  const e = caught as EmotiondError;
  assert.is(e.code, code, `wrong code for: ${e.message}`);
  for (const p of patterns) {
    const ok = typeof p === 'string' ? e.message.includes(p) : p.test(e.message);
    assert.ok(ok, `message ${JSON.stringify(e.message)} does not match ${String(p)}`);
  }
  return e;
}

export function exists(path: string): boolean {
  return existsSync(path);
}
