// The classifier stage: an ONNX graph (features [N, D] -> probabilities [N, C]) run by
// onnxruntime-web, plus its ModelMeta sidecar. Everything that can be wrong with the
// pair is found at load time, so a running daemon never fails on its first utterance.
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-web';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { Classifier, FeatureVector, ModelMeta, Prediction } from '../core/types.ts';
import { modelMetaProblems, sidecarPath } from './model-meta.ts';
import { toPrediction } from './prediction.ts';

// Worker threads do not load under Node here, and one utterance is too small a job to
// spread anyway (STACK.md). Set before the first session is created.
ort.env.wasm.numThreads = 1;

/** Which onnxruntime-web build makes the sessions and tensors (e.g. its WebGPU build). */
export interface OrtRuntime {
  readonly ort: typeof ort;
  /** Creates a session; a runtime may prepare the process around it (webgpu-env.ts). */
  createSession(bytes: Uint8Array, options: ort.InferenceSession.SessionOptions): Promise<ort.InferenceSession>;
}

export interface LoadClassifierOptions {
  /** onnxruntime-web execution providers, in order of preference. Default ['wasm']. */
  executionProviders?: string[];
  /** Default: the plain onnxruntime-web import above (WASM only). */
  runtime?: OrtRuntime;
}

/** The plain onnxruntime-web (WASM EP only), the default runtime. */
export const WASM_RUNTIME: OrtRuntime = { ort, createSession: (bytes, options) => ort.InferenceSession.create(bytes, options) };

const invalid = (file: string, problem: string, cause?: unknown): EmotiondError =>
  new EmotiondError('MODEL_INVALID', `${file}: ${problem}`, cause === undefined ? undefined : { cause });

async function readModelFile(path: string, what: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw invalid(path, missing ? `${what} not found` : `cannot read ${what}: ${errorMessage(err)}`, err);
  }
}

export async function loadClassifier(onnxPath: string, opts: LoadClassifierOptions = {}): Promise<Classifier> {
  if (!/\.onnx$/i.test(onnxPath)) throw invalid(onnxPath, 'expected a path ending in .onnx (its sidecar .json sits beside it)');
  const metaPath = sidecarPath(onnxPath);
  const bytes = await readModelFile(onnxPath, 'ONNX model file');
  const metaText = new TextDecoder().decode(await readModelFile(metaPath, 'model metadata (sidecar JSON)'));
  let metaJson: unknown;
  try {
    metaJson = JSON.parse(metaText);
  } catch (err) {
    throw invalid(metaPath, `not valid JSON: ${errorMessage(err)}`, err);
  }
  const problems = modelMetaProblems(metaJson);
  if (problems.length) throw invalid(metaPath, `invalid model metadata: ${problems.join('; ')}`);
  const meta = metaJson as ModelMeta;

  const rt = opts.runtime ?? WASM_RUNTIME;
  let session: ort.InferenceSession;
  try {
    // Bytes, not the path: onnxruntime-web would fetch a path string as a URL.
    session = await rt.createSession(bytes, { executionProviders: opts.executionProviders ?? ['wasm'] });
  } catch (err) {
    throw invalid(onnxPath, `not a loadable ONNX model: ${errorMessage(err)}`, err);
  }
  try {
    const io = checkShapes(session, meta, onnxPath, metaPath);
    await probe(rt.ort, session, io, meta, onnxPath);
    return createClassifier(rt.ort, session, meta, io);
  } catch (err) {
    await session.release().catch(() => undefined);
    throw err;
  }
}

interface Io { input: string; output: string }

function checkShapes(session: ort.InferenceSession, meta: ModelMeta, onnxPath: string, metaPath: string): Io {
  if (session.inputNames.length !== 1) {
    throw invalid(onnxPath, `expected one input, the graph has ${session.inputNames.length} (${session.inputNames.join(', ')})`);
  }
  const output = session.outputNames.includes('probabilities') ? 'probabilities' : session.outputNames[0];
  if (session.outputNames.length !== 1 && output !== 'probabilities') {
    throw invalid(onnxPath, `several outputs (${session.outputNames.join(', ')}) and none named "probabilities"`);
  }
  const input = session.inputNames[0];
  const inMeta = session.inputMetadata.find((m) => m.name === input);
  const outMeta = session.outputMetadata.find((m) => m.name === output);
  if (inMeta?.isTensor) {
    if (inMeta.type !== 'float32') throw invalid(onnxPath, `input "${input}" is ${inMeta.type}, expected float32`);
    const d = inMeta.shape[inMeta.shape.length - 1];
    if (typeof d === 'number' && d !== meta.featureNames.length) {
      throw invalid(onnxPath, `input "${input}" takes ${d} features but ${metaPath} lists ${meta.featureNames.length} featureNames`);
    }
  }
  if (outMeta?.isTensor) {
    const c = outMeta.shape[outMeta.shape.length - 1];
    if (typeof c === 'number' && c !== meta.classes.length) {
      throw invalid(onnxPath, `output "${output}" has ${c} classes but ${metaPath} lists ${meta.classes.length} classes`);
    }
  }
  return { input, output };
}

/** One run on a zero row: catches what static shapes cannot (symbolic dims, logits instead of probabilities). */
async function probe(rt: typeof ort, session: ort.InferenceSession, io: Io, meta: ModelMeta, onnxPath: string): Promise<void> {
  const d = meta.featureNames.length, c = meta.classes.length;
  let out: ort.Tensor;
  try {
    const res = await session.run({ [io.input]: new rt.Tensor('float32', new Float32Array(d), [1, d]) });
    out = res[io.output];
  } catch (err) {
    throw invalid(onnxPath, `does not run on [1, ${d}] features: ${errorMessage(err)}`, err);
  }
  if (out.dims.length !== 2 || out.dims[0] !== 1 || out.dims[1] !== c) {
    throw invalid(onnxPath, `output shape [${out.dims.join(', ')}] for one row, expected [1, ${c}] (${c} classes)`);
  }
  const p = out.data as Float32Array;
  const sum = p.reduce((a, b) => a + b, 0);
  if (!p.every((v) => v >= 0) || Math.abs(sum - 1) > 1e-3) {
    throw invalid(onnxPath, `output "${io.output}" is not a probability distribution (sums to ${sum}); softmax missing?`);
  }
}

function createClassifier(rt: typeof ort, session: ort.InferenceSession, meta: ModelMeta, io: Io): Classifier {
  const d = meta.featureNames.length, c = meta.classes.length;
  const checked = new WeakSet<readonly string[]>();
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const checkNames = (fv: FeatureVector, row: number): void => {
    if (fv.names !== meta.featureNames && !checked.has(fv.names)) {
      if (fv.names.length !== d) {
        throw new EmotiondError('FEATURES', `model "${meta.name}" expects ${d} features, got ${fv.names.length}${where(row)}`);
      }
      const i = fv.names.findIndex((n, j) => n !== meta.featureNames[j]);
      if (i >= 0) {
        throw new EmotiondError('FEATURES', `model "${meta.name}": feature ${i} is "${fv.names[i]}", expected "${meta.featureNames[i]}"${where(row)}; the extractor differs from the one the model was trained with`);
      }
      checked.add(fv.names); // the same names array comes back for every utterance
    }
    if (fv.values.length !== d) {
      throw new EmotiondError('FEATURES', `feature vector has ${fv.values.length} values for ${d} names${where(row)}`);
    }
  };

  const run = async (batch: FeatureVector[], single: boolean): Promise<Prediction[]> => {
    if (disposed) throw new EmotiondError('MODEL_INVALID', `model "${meta.name}" was disposed`);
    batch.forEach((fv, r) => checkNames(fv, single ? -1 : r));
    if (batch.length === 0) return [];
    const x = new Float32Array(batch.length * d);
    batch.forEach((fv, r) => {
      const v = fv.values, o = r * d;
      // A NaN (e.g. jitter of an unvoiced clip) would poison every score. Training
      // replaced non-finite values by 0 too, so the model has seen this substitute.
      for (let j = 0; j < d; j++) x[o + j] = Number.isFinite(v[j]) ? v[j] : 0;
    });
    // onnxruntime-web runs one call at a time per session: queue, never overlap.
    const result = queue.then(() => session.run({ [io.input]: new rt.Tensor('float32', x, [batch.length, d]) }));
    queue = result.catch(() => undefined);
    const probs = (await result)[io.output].data as Float32Array;
    return batch.map((_, r) => toPrediction(probs.subarray(r * c, (r + 1) * c), meta));
  };

  return {
    meta,
    predict: async (fv) => (await run([fv], true))[0],
    predictBatch: (fvs) => run(fvs, false),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await queue;
      await session.release();
    },
  };
}

function where(row: number): string {
  return row >= 0 ? ` (batch row ${row})` : '';
}
