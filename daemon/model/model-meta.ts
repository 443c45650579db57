// Validation of a model's JSON sidecar (ModelMeta). A model that loads with the wrong
// class list or feature order would publish confident nonsense, so every field the
// daemon relies on is checked, and the message says which one is wrong.
import type { ModelMeta } from '../core/types.ts';

/** The sidecar of `x.onnx` is `x.json`. */
export function sidecarPath(onnxPath: string): string {
  return onnxPath.replace(/\.onnx$/i, '') + '.json';
}

/** Returns a list of problems; empty when `value` is a valid ModelMeta. */
export function modelMetaProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ['not a JSON object'];
  if (typeof value.name !== 'string' || value.name.trim() === '') problems.push('"name" must be a non-empty string');
  const classes = stringList(value.classes, 'classes', problems);
  stringList(value.featureNames, 'featureNames', problems);
  if (!isObject(value.dimensions)) problems.push('"dimensions" must be an object keyed by class');
  else if (classes) {
    for (const c of classes) {
      const d = value.dimensions[c];
      if (!isObject(d)) {
        problems.push(`"dimensions" has no entry for class "${c}"`);
        continue;
      }
      for (const k of ['arousal', 'valence'] as const) {
        const v = d[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < -1 || v > 1) {
          problems.push(`"dimensions.${c}.${k}" must be a number in [-1, 1]`);
        }
      }
    }
  }
  if (!isObject(value.training)) problems.push('"training" must be an object');
  if (value.featureStatistics !== undefined) {
    const st = value.featureStatistics as { mean?: unknown; std?: unknown };
    const n = Array.isArray(value.featureNames) ? value.featureNames.length : -1;
    const ok = (v: unknown, positive: boolean) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0));
    if (!isObject(st) || !ok(st.mean, false) || !ok(st.std, true)) problems.push('"featureStatistics" must hold "mean" and "std" (positive), one finite number per feature');
  }
  if (value.featureNormalisation !== undefined) {
    if (value.featureNormalisation !== 'device') problems.push('"featureNormalisation" must be "device" when present');
    else if (value.featureStatistics === undefined) problems.push('"featureNormalisation": "device" needs "featureStatistics" (where a device\'s statistics start)');
  }
  return problems;
}

export function isModelMeta(value: unknown): value is ModelMeta {
  return modelMetaProblems(value).length === 0;
}

function stringList(v: unknown, key: string, problems: string[]): string[] | null {
  if (!Array.isArray(v) || v.length === 0) {
    problems.push(`"${key}" must be a non-empty array of strings`);
    return null;
  }
  if (v.some((s) => typeof s !== 'string' || s === '')) {
    problems.push(`"${key}" must hold only non-empty strings`);
    return null;
  }
  const dup = v.find((s, i) => v.indexOf(s) !== i);
  if (dup !== undefined) {
    problems.push(`"${key}" lists "${dup}" twice`);
    return null;
  }
  return v as string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
