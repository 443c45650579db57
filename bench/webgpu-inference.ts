// The inference part of bench/webgpu.ts: rows per second of a model on each onnxruntime-web
// EP, at batch 1 and 64. The rows are the model's own features of the bench's signals:
// its sidecar (STEM.json) names the feature set and lists the names, so the bench follows
// whatever model is shipped (feature set, feature count, class count), as the daemon does.
import type { Classifier, FeatureVector, ModelMeta } from '../daemon/core/types.ts';
import { FEATURE_SET_IDS, createSetExtractor, type FeatureSetId } from '../daemon/features/feature-sets.ts';
import { loadClassifier } from '../daemon/model/onnx-classifier.ts';
import { runtimeForEp, type InferenceEp } from '../daemon/model/webgpu-env.ts';

/** The model's feature vectors of the signals: the set its sidecar names, checked name by name. */
export async function modelVectors(meta: Pick<ModelMeta, 'name' | 'featureNames'> & { featureSet?: unknown }, signals: readonly Float32Array[]): Promise<FeatureVector[]> {
  // Sidecars from before feature sets had ids were all emotiond-v1 (as the daemon reads them).
  const set = meta.featureSet ?? 'emotiond-v1';
  if (typeof set !== 'string' || !(FEATURE_SET_IDS as readonly string[]).includes(set)) {
    throw new Error(`model "${meta.name}": sidecar names feature set ${JSON.stringify(set)}; known: ${FEATURE_SET_IDS.join(', ')}`);
  }
  const extractor = await createSetExtractor(set as FeatureSetId);
  const differs = extractor.names.length !== meta.featureNames.length || extractor.names.some((n, i) => n !== meta.featureNames[i]);
  if (differs) throw new Error(`model "${meta.name}": its ${meta.featureNames.length} feature names are not those of ${set} (${extractor.names.length})`);
  return signals.map((x) => extractor.extract(x));
}

export interface InferenceRow {
  ep: InferenceEp;
  /** The EP that ran (WASM where WebGPU has no adapter), and why. */
  actual: InferenceEp;
  note: string;
  sessionMs: number;
  batch1: number;
  batch64: number;
  featureSet: string;
  features: number;
  classes: number;
}

/** Units per second: the median pass of those run in `minS` seconds (at least `minPasses`), after one untimed. */
export async function rate(units: number, f: () => unknown, minS: number, minPasses = 3): Promise<number> {
  await f();
  const rates: number[] = [];
  const start = performance.now();
  while (rates.length < minPasses || performance.now() - start < minS * 1000) {
    const t0 = performance.now();
    await f();
    rates.push(units / ((performance.now() - t0) / 1000));
  }
  return rates.sort((a, b) => a - b)[rates.length >> 1];
}

/** Rows per second on each EP; the 64-row batch repeats the signals' vectors as needed. */
export async function inferenceRows(model: string, signals: readonly Float32Array[], eps: readonly InferenceEp[], minS = 3, minPasses = 3): Promise<InferenceRow[]> {
  const out: InferenceRow[] = [];
  let vectors: FeatureVector[] | null = null;
  for (const ep of eps) {
    const t0 = performance.now();
    const r = await runtimeForEp(ep);
    const c: Classifier = await loadClassifier(model, { runtime: r.runtime, executionProviders: r.executionProviders });
    const sessionMs = performance.now() - t0;
    try {
      vectors ??= await modelVectors(c.meta, signals);
      const rows = Array.from({ length: 64 }, (_, i) => vectors![i % vectors!.length]);
      const batch1 = await rate(20, async () => {
        for (let i = 0; i < 20; i++) await c.predict(rows[i]);
      }, minS, minPasses);
      const batch64 = await rate(64, () => c.predictBatch(rows), minS, minPasses);
      const featureSet = String((c.meta as { featureSet?: unknown }).featureSet ?? 'emotiond-v1');
      out.push({ ep, actual: r.ep, note: r.note, sessionMs, batch1, batch64, featureSet, features: c.meta.featureNames.length, classes: c.meta.classes.length });
    } finally {
      await c.dispose();
    }
  }
  return out;
}
