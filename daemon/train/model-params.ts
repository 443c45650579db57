// Hyperparameters from the command line (`--param lda.shrinkage=0.3`), checked against a
// table of the known ones, so a typo fails loudly instead of silently training defaults.
import { MEMBER_KINDS, type MemberKind } from './network.ts';
import { ROOM_MODES } from './room-gated.ts';
import { CALIBRATIONS, FEATURE_SCALINGS, FEATURE_TRANSFORMS, INNER_GROUPS, NORMALISATIONS, ROW_BALANCES, type ModelOptions } from './models.ts';

type Kind = 'number' | 'int' | 'bool' | 'ints' | 'shrinkage' | 'c' | 'transform' | 'scaling' | 'balance' | 'innerGroups' | 'calibrate' | 'normalise' | 'rooms';

const PARAMS: Record<string, Kind> = {
  'logreg.c': 'c', 'logreg.balanced': 'bool', 'logreg.maxIterations': 'int',
  'lda.shrinkage': 'shrinkage',
  'svm.c': 'number', 'svm.balanced': 'bool', 'svm.maxIterations': 'int',
  'rbf.gammaScale': 'number', 'rbf.maxLandmarks': 'int', 'rbf.svm.c': 'number',
  'gbt.rounds': 'int', 'gbt.depth': 'int', 'gbt.learningRate': 'number', 'gbt.lambda': 'number',
  'gbt.minChildWeight': 'number', 'gbt.subsample': 'number', 'gbt.colsample': 'number', 'gbt.bins': 'int',
  'mlp.hidden': 'ints', 'mlp.learningRate': 'number', 'mlp.weightDecay': 'number', 'mlp.dropout': 'number',
  'mlp.batchSize': 'int', 'mlp.maxEpochs': 'int', 'mlp.patience': 'int', 'mlp.valFraction': 'number', 'mlp.refit': 'bool',
  ensembleMlps: 'int',
  transform: 'transform', 'rankGauss.knots': 'int', scaling: 'scaling',
  balance: 'balance', innerGroups: 'innerGroups', calibrate: 'calibrate', normalise: 'normalise', rooms: 'rooms',
};

const CHOICES: Partial<Record<Kind, readonly string[]>> = {
  transform: FEATURE_TRANSFORMS, scaling: FEATURE_SCALINGS, balance: ROW_BALANCES, innerGroups: INNER_GROUPS, calibrate: CALIBRATIONS, normalise: NORMALISATIONS, rooms: ROOM_MODES,
};

export const KNOWN_PARAMS: readonly string[] = Object.keys(PARAMS);

function parseValue(key: string, kind: Kind, raw: string): unknown {
  const bad = () => new RangeError(`--param ${key}=${raw}: expected ${kind === 'ints' ? 'comma-separated integers' : kind === 'shrinkage' ? "a number in [0, 1], 'auto' or 'cv'" : kind === 'c' ? "a positive number or 'cv'" : `a ${kind === 'int' ? 'whole number' : kind === 'bool' ? 'true or false' : 'number'}`}`);
  if (kind === 'bool') {
    if (raw !== 'true' && raw !== 'false') throw bad();
    return raw === 'true';
  }
  const allowed = CHOICES[kind];
  if (allowed) {
    if (!allowed.includes(raw)) throw new RangeError(`--param ${key}=${raw}: expected one of ${allowed.join(', ')}`);
    return raw;
  }
  if (kind === 'shrinkage' && (raw === 'auto' || raw === 'cv')) return raw;
  if (kind === 'c' && raw === 'cv') return raw;
  if (kind === 'ints') {
    const v = raw.split(',').map(Number);
    if (v.some((n) => !Number.isInteger(n) || n <= 0)) throw bad();
    return v;
  }
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || (kind === 'int' && !Number.isInteger(v))) throw bad();
  if (kind === 'shrinkage' && (v < 0 || v > 1)) throw bad();
  if (kind === 'c' && !(v > 0)) throw bad();
  if (key === 'rankGauss.knots' && v < 2) throw new RangeError(`--param ${key}=${raw}: a map needs at least 2 knots`);
  return v;
}

/** Turns `key=value` strings into nested ModelOptions; throws RangeError naming the bad one. */
export function parseModelParams(pairs: readonly string[]): ModelOptions {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : pair;
    const kind = PARAMS[key];
    if (eq <= 0 || !kind) throw new RangeError(`--param ${pair}: expected KEY=VALUE, KEY one of ${KNOWN_PARAMS.join(', ')}`);
    const path = key.split('.');
    let node = out;
    for (const p of path.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = parseValue(key, kind, pair.slice(eq + 1));
  }
  return out as ModelOptions;
}

/** `lda,logreg,mlp` -> member kinds, each known and listed once. */
export function parseMembers(list: string): MemberKind[] {
  const kinds = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (kinds.length === 0) throw new RangeError('--members: name at least one member');
  for (const k of kinds) {
    if (!MEMBER_KINDS.includes(k as MemberKind)) throw new RangeError(`--members: '${k}' is not one of ${MEMBER_KINDS.join(', ')}`);
  }
  if (new Set(kinds).size !== kinds.length) throw new RangeError('--members: a member kind is listed twice (use ensembleMlps for several MLPs)');
  return kinds as MemberKind[];
}
