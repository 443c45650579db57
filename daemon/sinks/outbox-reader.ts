// Reads an outbox file line by line from a stream: any size the config allows loads (a
// whole-file string stops at V8's ~512 MiB limit), and a line longer than any the daemon
// writes is skipped without being held.
import { createReadStream } from 'node:fs';
import { OutboxRecovery, type Recovered } from './outbox-log.ts';

/** Far above one event's line (~1 KiB with a dozen classes). */
export const MAX_LINE_BYTES = 1 << 20;

/** The waiting events of the file at `path` (none if it does not exist). */
export async function readOutboxFile(path: string, maxEvents: number): Promise<Recovered> {
  const r = new OutboxRecovery(maxEvents);
  let parts: Buffer[] = [];
  let held = 0;
  let overlong = false;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
        const piece = chunk.subarray(from, nl);
        if (overlong || held + piece.length > MAX_LINE_BYTES) r.skipped();
        else r.line(Buffer.concat([...parts, piece]).toString('utf8'));
        parts = [];
        held = 0;
        overlong = false;
        from = nl + 1;
      }
      const rest = chunk.subarray(from);
      if (overlong || held + rest.length > MAX_LINE_BYTES) {
        overlong = true;
        parts = [];
        held = 0;
      } else if (rest.length > 0) {
        parts.push(Buffer.from(rest));
        held += rest.length;
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // A last line without its newline is torn (a crash or a full disk mid-write): it is only
  // counted if it does not parse; the file is rewritten at start either way.
  if (overlong) r.skipped();
  else if (held > 0) r.line(Buffer.concat(parts).toString('utf8'));
  return r.result();
}
