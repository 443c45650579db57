// Reading openSMILE's reference output at run time (../shared/reference/opensmile-3.0.2;
// corpus-derived, research-only: never copied into the repository) and comparing with it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const EMODB_WAV = `${SHARED}datasets/emodb/wav/`;
export const EGEMAPS_CSV = `${SHARED}reference/opensmile-3.0.2/egemaps-v02-functionals-emodb.csv`;

export interface ReferenceTable {
  /** Feature names in the file's order (after `name` and `frameTime`). */
  readonly names: string[];
  /** Values by file name (without .wav). */
  readonly rows: Map<string, Float64Array>;
}

export const referencePresent = (): boolean => existsSync(EMODB_WAV) && existsSync(EGEMAPS_CSV);

/** openSMILE CSV: `;`-separated, `name` in single quotes, then frameTime and the features. */
export function readReference(path = EGEMAPS_CSV): ReferenceTable {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const names = lines[0].trim().split(';').slice(2);
  const rows = new Map<string, Float64Array>();
  for (const line of lines.slice(1)) {
    const c = line.trim().split(';');
    rows.set(c[0].replace(/'/g, ''), Float64Array.from(c.slice(2), Number));
  }
  return { names, rows };
}

/** Pearson correlation; 0 when either side is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) [mx, my] = [mx + x[i], my + y[i]];
  [mx, my] = [mx / n, my / n];
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
