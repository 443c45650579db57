#!/usr/bin/env node
// The `emotiond` command. `emotiond run [-c|--config FILE]`, the long-running daemon, runs
// its lean entry (daemon/app/run-main.ts) bundled to plain JavaScript (bundle-entry.js); every
// other command line goes through the full command line (daemon/cli.ts) under tsx's loader,
// and so does `run` if the bundle cannot be built (said on stderr).
// EMOTIOND_TSX=1 runs `run` under tsx too (stack traces with TypeScript line numbers).

// SIGHUP asks for a reload; Node's default for it is to exit. It may come at any moment after
// start (systemd, a script), long before the daemon is built (bundling and model loading take
// a second or more): from here on it is caught and remembered, and the daemon, once up, takes
// it over (daemon/app/early-signals.ts). First thing, before any import is loaded.
const [command, ...rest] = process.argv.slice(2);
if (command === 'run') {
  const early = { sighup: 0, listener: () => void early.sighup++ };
  globalThis[Symbol.for('emotiond.early-signals')] = early;
  process.on('SIGHUP', early.listener);
}
const { parseRunArgs } = await import('./run-args.js');
const run = command === 'run' && process.env.EMOTIOND_TSX !== '1' ? parseRunArgs(rest) : null;
const bundled = run && (await import('./bundle-entry.js')).bundleEntry(new URL('../daemon/app/run-main.ts', import.meta.url)).catch((err) => {
  process.stderr.write(`emotiond: running under tsx, the daemon could not be bundled: ${String(err?.message ?? err).split('\n').slice(0, 3).join(' ')}\n`);
  return null;
});
const url = await bundled;
if (url) {
  const { main } = await import(url);
  await main(run);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../daemon/cli.ts');
}
