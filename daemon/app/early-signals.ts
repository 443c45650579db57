// The SIGHUPs that arrived before the daemon's own handler existed: bin/emotiond.js catches
// them from its first line (Node would exit on one) and leaves a record here for the daemon.
interface EarlySignals {
  sighup: number;
  listener: () => void;
}

const KEY = Symbol.for('emotiond.early-signals');

/** How many SIGHUPs came early; stops catching them there (call once the daemon's handler is on). */
export function takeEarlySighups(): number {
  const early = (globalThis as Record<symbol, EarlySignals | undefined>)[KEY];
  if (!early) return 0;
  process.off('SIGHUP', early.listener);
  delete (globalThis as Record<symbol, unknown>)[KEY];
  return early.sighup;
}
