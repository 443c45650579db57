// Structured logs: one JSON object per line on stderr, so stdout stays free for events
// and journald or a log shipper can parse every line. Every line goes through the one
// redaction (core/redact.ts): no password reaches a log, whichever stage wrote the line.
import { redact } from '../core/redact.ts';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** `minLevel` may be a function, read on every line, so a reloaded config changes it at once. */
export function createLogger(
  minLevel: LogLevel | (() => LogLevel) = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const min = typeof minLevel === 'function' ? minLevel : () => minLevel;
  return (level, msg, fields) => {
    if (RANK[level] < RANK[min()]) return;
    write(redact(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })));
  };
}
