#!/usr/bin/env node
// Runs every test file (test/**/*.test.ts) with uvu under tsx, each file in its own
// process so that one crash cannot hide the others, then prints the one closing line
// CI reads: "N passed, N failed, N skipped".
// Usage: node test/run.mjs [substring-filter...]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = walk(join(root, 'test')).filter(
  (f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)),
);
let passed = 0, failed = 0, skipped = 0;
const broken = [];
for (const file of files) {
  const rel = relative(root, file);
  process.stdout.write(`\n== ${rel}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'node_modules/uvu/bin.js'), '-i', 'helpers', rel.replace(/[^/]+$/, ''), rel.split('/').pop().replace(/\./g, '\\.') + '$'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...withoutForceColor(process.env), NO_COLOR: '1' },
    timeout: 15 * 60 * 1000,
  });
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  process.stdout.write(out);
  const total = /Total:\s+(\d+)/.exec(out);
  const pass = /Passed:\s+(\d+)/.exec(out);
  const skip = /Skipped:\s+(\d+)/.exec(out);
  if (!total || !pass) {
    // The file crashed before uvu could report: count it as one failure.
    failed += 1;
    broken.push(`${rel} (exit ${r.status ?? r.signal}, no summary)`);
    continue;
  }
  const t = Number(total[1]), p = Number(pass[1]), s = skip ? Number(skip[1]) : 0;
  passed += p;
  skipped += s;
  failed += t - p;
  if (t - p > 0 || r.status !== 0) broken.push(rel);
}
if (broken.length) console.log(`\nFailing files:\n  ${broken.join('\n  ')}`);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

/** uvu prints colours unless told not to; FORCE_COLOR would override NO_COLOR. */
function withoutForceColor(env) {
  const { FORCE_COLOR: _, ...rest } = env;
  return rest;
}
