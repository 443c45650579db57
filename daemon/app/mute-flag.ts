// The mute switch survives restarts: someone who muted the device expects it to stay deaf
// after a reboot. One small JSON file in the state directory; never anything heard.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmotiondError, errorMessage } from '../core/errors.ts';

const file = (dir: string) => join(dir, 'state.json');

export async function readMuted(dir: string): Promise<boolean> {
  try {
    const v = JSON.parse(await readFile(file(dir), 'utf8')) as { muted?: unknown };
    return v.muted === true;
  } catch {
    // Absent or unreadable: listening, the documented default.
    return false;
  }
}

export async function writeMuted(dir: string, muted: boolean): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file(dir)}.tmp`;
    await writeFile(tmp, JSON.stringify({ muted }) + '\n', { mode: 0o600 });
    await rename(tmp, file(dir));
  } catch (err) {
    throw new EmotiondError('STATE', `cannot save the mute flag in ${dir}: ${errorMessage(err)}`, { cause: err });
  }
}
