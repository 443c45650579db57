// One daemon per state directory. Two daemons on one outbox replace each other's file, send
// each other's events under the wrong device id and lose some after a crash; the default
// state_dir is per user, so two `emotiond run` for two microphones would share it.
// An advisory lock file (`emotiond.lock`, holding the owner's pid) is taken with O_EXCL
// before the outbox is opened. A lock whose pid is not a running emotiond is stale (a
// crash, a SIGKILL) and is taken over; a live owner makes the start fail naming its pid.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { EmotiondError, errorMessage } from '../core/errors.ts';

export const LOCK_FILE = 'emotiond.lock';

export interface StateLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Takes the lock of `dir` for this process, or throws STATE naming the process that holds it. */
export function lockStateDir(dir: string, pid = process.pid): StateLock {
  const path = join(dir, LOCK_FILE);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new EmotiondError('STATE', `state_dir ${dir}: cannot create it (${errorMessage(err)})`, { cause: err });
  }
  // Two tries: the second after removing a stale lock. Losing that race to another daemon
  // starting at the same moment ends in the "in use" error, as it should.
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new EmotiondError('STATE', `state_dir ${dir}: cannot create ${LOCK_FILE} (${errorMessage(err)})`, { cause: err });
      }
      const owner = readOwner(path);
      if (owner !== null && owner !== pid && isEmotiond(owner)) {
        throw new EmotiondError(
          'STATE',
          `state_dir ${dir} is in use by another emotiond (pid ${owner}, lock ${path}); give each daemon its own state_dir`,
        );
      }
      try {
        unlinkSync(path); // stale: its owner is gone
      } catch {
        // removed meanwhile by someone else: try again
      }
      continue;
    }
    try {
      writeSync(fd, `${pid}\n`);
    } finally {
      closeSync(fd);
    }
    return {
      path,
      release() {
        if (readOwner(path) === pid) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      },
    };
  }
  throw new EmotiondError('STATE', `state_dir ${dir}: ${LOCK_FILE} keeps being replaced by another process`);
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * True if `pid` runs and is a Node process (the daemon runs under node): after a crash and
 * a reboot, the pid in a stale lock may belong to anything else by now.
 */
function isEmotiond(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, under another user; count it as alive.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|emotiond|deno|tsx/i.test(cmdline);
  } catch {
    return true; // no /proc (not Linux): trust kill(0)
  }
}
