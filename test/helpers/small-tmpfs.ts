// A small tmpfs to fill up: a real full disk (ENOSPC, short writes) without filling the
// machine's. Needs root (or CAP_SYS_ADMIN); tests that need one skip without it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallTmpfs {
  dir: string;
  unmount(): void;
}

/** Mounts a tmpfs of `kib` KiB, or returns null (with the reason in `why`) where mounting is not allowed. */
export function mountSmallTmpfs(kib: number): SmallTmpfs | { dir: null; why: string } {
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-tmpfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { dir: null, why: (r.stderr || r.error?.message || `mount exit ${r.status}`).trim() };
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes zeros to `file` until the file system is full. */
export function fillUp(file: string): void {
  spawnSync('sh', ['-c', `cat /dev/zero > '${file}' 2>/dev/null`]);
}
