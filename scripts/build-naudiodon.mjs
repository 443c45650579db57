#!/usr/bin/env node
// Builds naudiodon (PortAudio capture) against the system PortAudio, at `npm ci` (postinstall).
//
// naudiodon 2.3.6 links a libportaudio.so.2 it bundles, which is x86-64 on every Linux
// architecture but 32-bit arm: on arm64 its own install script cannot link
// (Streampunk/naudiodon#68). package.json's `allowScripts` therefore denies that script, and
// this one copies native/naudiodon/ (its binding.gyp with Linux linking -lportaudio from
// Debian's libportaudio2 / portaudio19-dev, plus quiet-audio-libs.c) into the package and runs
// node-gyp there. The package's own sources are compiled unchanged.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OVERLAY = join(ROOT, 'native/naudiodon');
const PKG = join(ROOT, 'node_modules/naudiodon');
const EXPECTED_VERSION = '2.3.6';
const ADDON = join(PKG, 'build/Release/naudiodon.node');
const STAMP = join(PKG, 'build/system-portaudio.stamp');

function fail(message) {
  process.stderr.write(`build-naudiodon: ${message}\n`);
  process.exit(1);
}

if (!existsSync(PKG)) fail(`node_modules/naudiodon is missing; run npm ci first`);
const version = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).version;
if (version !== EXPECTED_VERSION) {
  fail(`native/naudiodon/binding.gyp is written for naudiodon ${EXPECTED_VERSION}, found ${version}; compare it with the new upstream binding.gyp first`);
}
if (process.platform === 'linux' && !existsSync('/usr/include/portaudio.h')) {
  fail("/usr/include/portaudio.h is missing: install Debian's portaudio19-dev and libportaudio2 (scripts/setup.sh does)");
}

// Same overlay, same Node, same arch: the existing build stands (npm install re-runs postinstall).
const stamp = createHash('sha256')
  .update(readFileSync(join(OVERLAY, 'binding.gyp')))
  .update(readFileSync(join(OVERLAY, 'quiet-audio-libs.c')))
  .update(`${process.version} ${process.platform}-${process.arch}`)
  .digest('hex');
if (existsSync(ADDON) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) {
  process.stdout.write(`build-naudiodon: up to date (${process.platform}-${process.arch})\n`);
  process.exit(0);
}

if (!existsSync(join(PKG, 'binding.gyp.upstream'))) copyFileSync(join(PKG, 'binding.gyp'), join(PKG, 'binding.gyp.upstream'));
copyFileSync(join(OVERLAY, 'binding.gyp'), join(PKG, 'binding.gyp'));
copyFileSync(join(OVERLAY, 'quiet-audio-libs.c'), join(PKG, 'src/quiet-audio-libs.c'));

const args = [nodeGypScript(), 'rebuild'];
// A Node unpacked from a tarball or npm package carries its headers in ../include/node: use
// them rather than letting node-gyp download them (an edge device may be offline).
const ownHeaders = join(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(ownHeaders, 'include/node/common.gypi'))) args.push(`--nodedir=${ownHeaders}`);
const built = spawnSync(process.execPath, args, { cwd: PKG, stdio: ['ignore', 'inherit', 'inherit'] });
if (built.status !== 0) fail(`node-gyp rebuild failed in node_modules/naudiodon (exit ${built.status ?? built.signal}); see its output above`);

// Load it once, here, so that a build that cannot load fails `npm ci` rather than the first `emotiond run`.
const library = loadedPortAudio();
writeFileSync(STAMP, stamp);
process.stdout.write(`build-naudiodon: naudiodon ${version} built for ${process.platform}-${process.arch} with ${library}\n`);

/** node-gyp's entry script: npm's own copy when run by npm, else one on PATH. */
function nodeGypScript() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  if (process.env.npm_execpath) {
    const bundled = join(dirname(process.env.npm_execpath), '../node_modules/node-gyp/bin/node-gyp.js');
    if (existsSync(bundled)) return bundled;
  }
  const which = spawnSync('sh', ['-c', 'command -v node-gyp'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  fail('node-gyp not found: run this through npm (npm ci / npm rebuild), which brings its own');
}

/** Requires the addon and names the libportaudio the process mapped for it. */
function loadedPortAudio() {
  try {
    createRequire(join(PKG, 'index.js'))(ADDON);
  } catch (err) {
    fail(`the build does not load: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (process.platform !== 'linux') return 'its bundled PortAudio';
  const maps = readFileSync('/proc/self/maps', 'utf8');
  const lib = maps.split('\n').map((l) => l.split(/\s+/)[5]).find((p) => p && /libportaudio\.so/.test(p));
  if (!lib) fail('the addon loaded but no libportaudio is mapped: it was not linked against the system PortAudio');
  if (lib.startsWith(PKG)) fail(`the addon loaded the bundled ${lib}, not the system PortAudio`);
  return lib;
}
