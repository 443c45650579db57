// `emotiond run`: loads the config, starts the daemon and ties it to the process (signals,
// events on stdout). Shared by the full command line (cli.ts, under tsx) and the lean entry
// the installed daemon runs (run-main.ts, bundled by bin/bin/bundle-entry.js).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../config/load-config.ts';
import { createLogger } from '../log/logger.ts';
import { takeEarlySighups } from './early-signals.ts';

export async function runCommand(opts: { config?: string }): Promise<void> {
  // WebAssembly runs on V8's baseline compiler only: onnxruntime-web's module is large, and
  // optimising its hot functions (Silero runs 31 times a second) costs ~200 MiB of machine
  // code for a gain of a fraction of a millisecond per frame (docs/benchmarks.md).
  // Set before anything compiles WebAssembly.
  setFlagsFromString('--liftoff-only');
  const { startDaemon } = await import('./daemon.ts');
  let config = loadConfig(opts.config);
  // Read on every line and every event, so a reload changes them at once.
  const log = createLogger(() => config.log.level);
  // Signals are handled from the start: one that arrives while the model loads is acted
  // on once startup completes, instead of killing the process (SIGHUP's default).
  let daemon: Awaited<ReturnType<typeof startDaemon>> | undefined;
  let stopBy: string | undefined;
  let reloadAsked = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => (daemon ? void daemon.stop(sig) : (stopBy = sig)));
  }
  process.on('SIGHUP', () => {
    log('info', 'SIGHUP: reloading the config', { stage: 'config', file: opts.config ?? '(defaults)' });
    if (daemon) void daemon.reload();
    else reloadAsked = true;
  });
  // Those that came while the program was still loading: the config is read after them anyway,
  // but a reload is still owed once the daemon is up (the file may change meanwhile).
  if (takeEarlySighups() > 0) reloadAsked = true;
  daemon = await startDaemon(config, {
    log,
    onEvent: (e) => {
      if (config.log.events_to_stdout) process.stdout.write(JSON.stringify(e) + '\n');
    },
    loadConfig: () => loadConfig(opts.config),
    onConfig: (c) => (config = c),
  });
  if (stopBy) void daemon.stop(stopBy);
  else if (reloadAsked) void daemon.reload();
  collectStartupGarbage();
  await daemon.done;
}

/**
 * One full garbage collection once the daemon listens: what start-up left behind (model and
 * WebAssembly bytes, the bundle's source, compile buffers) is returned to the system now,
 * not some ten seconds later when V8's memory reducer would get to it.
 */
function collectStartupGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
