// Where relative paths in config point: the working directory first, then the package
// (so `models/emotion.onnx` works from anywhere, and a user's own relative path wins).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function resolvePath(p: string, cwd: string = process.cwd()): string {
  if (isAbsolute(p)) return p;
  const fromCwd = resolve(cwd, p);
  if (existsSync(fromCwd)) return fromCwd;
  return resolve(PACKAGE_ROOT, p);
}
