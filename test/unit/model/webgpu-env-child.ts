// Run by webgpu-env.test.ts in a fresh process (the workarounds act on process-wide state:
// navigator, a prototype, V8 flags, ORT's one wasm instance). Loads models/emotion.onnx on
// the EP named in argv[2], runs 64 rows on it and on the WASM EP, prints one JSON line.
// A navigator reporting 8 cores is defined first, as Node 21+ would on such a machine:
// ORT would then start worker threads unless told not to (workaround 4).
Object.defineProperty(globalThis, 'navigator', { value: { hardwareConcurrency: 8 }, configurable: true, writable: true });
const t0 = performance.now();
const { runtimeForEp } = await import('../../../daemon/model/webgpu-env.ts');
const { loadClassifier } = await import('../../../daemon/model/onnx-classifier.ts');
const model = new URL('../../../models/emotion.onnx', import.meta.url).pathname;
const want = process.argv[2] === 'wasm' ? 'wasm' : 'webgpu';
const r = await runtimeForEp(want);
const c = await loadClassifier(model, { runtime: r.runtime, executionProviders: r.executionProviders });
const firstMs = performance.now() - t0;
const w = await runtimeForEp('wasm');
const cw = await loadClassifier(model, { runtime: w.runtime, executionProviders: w.executionProviders });
const d = c.meta.featureNames.length;
const rows = Array.from({ length: 64 }, (_, k) => ({
  names: c.meta.featureNames,
  values: Float32Array.from({ length: d }, (_, i) => 3 * Math.sin(0.37 * i * (k + 1))),
}));
const [a, b] = [await c.predictBatch(rows), await cw.predictBatch(rows)];
let maxDiff = 0;
a.forEach((p, i) => Object.keys(p.scores).forEach((k) => (maxDiff = Math.max(maxDiff, Math.abs(p.scores[k] - b[i].scores[k])))));
const env = r.runtime.ort.env as { webgpu: { device?: unknown }; wasm: { numThreads?: number } };
console.log(JSON.stringify({
  ep: r.ep, note: r.note, webgpuDevice: env.webgpu.device !== undefined, numThreads: env.wasm.numThreads,
  navigatorGpu: typeof (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu, maxDiff, firstMs: Math.round(firstMs),
}));
await Promise.all([c.dispose(), cw.dispose()]);
