// Run under Deno by deno.test.ts: the WebGPU feature kernels and the WebGPU EP on Deno's
// built-in navigator.gpu, each against the WASM path in the same process. Prints one JSON
// line; {"adapter": null} when Deno has no WebGPU adapter.
import { decodeAudioFile } from '../../daemon/audio/decode.ts';
import { createFeatureExtractor } from '../../daemon/features/extractor.ts';
import { requestGpuDevice } from '../../daemon/features/webgpu/gpu-device.ts';
import { createWebGpuFeatureExtractor } from '../../daemon/features/webgpu/webgpu-extractor.ts';
import { loadClassifier } from '../../daemon/model/onnx-classifier.ts';
import { runtimeForEp } from '../../daemon/model/webgpu-env.ts';

const [file, model] = process.argv.slice(2);
const handle = await requestGpuDevice();
if (!handle) {
  console.log(JSON.stringify({ adapter: null }));
  process.exit(0);
}
const x = (await decodeAudioFile(file)).samples;
const gpu = await createWebGpuFeatureExtractor({ handle });
const a = (await gpu.extract(x)).values, b = (await createFeatureExtractor()).extract(x).values;
let featureRel = 0;
for (let i = 0; i < a.length; i++) {
  const d = Math.abs(a[i] - b[i]);
  if (d > 1e-5) featureRel = Math.max(featureRel, d / Math.abs(b[i]));
}
const [rg, rw] = [await runtimeForEp('webgpu'), await runtimeForEp('wasm')];
const cg = await loadClassifier(model, { runtime: rg.runtime, executionProviders: rg.executionProviders });
const cw = await loadClassifier(model, { runtime: rw.runtime, executionProviders: rw.executionProviders });
const fv = { names: gpu.names, values: b };
const [pg, pw] = [await cg.predict(fv), await cw.predict(fv)];
const probDiff = Math.max(...Object.keys(pw.scores).map((k) => Math.abs(pg.scores[k] - pw.scores[k])));
console.log(JSON.stringify({ adapter: gpu.adapter, featureRel, ep: rg.ep, probDiff }));
await Promise.all([cg.dispose(), cw.dispose(), gpu.dispose()]);
