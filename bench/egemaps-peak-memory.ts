// Child process of bench/egemaps-features.ts: eGeMAPSv02 of one 16-bit mono WAV (as the
// benchmark writes it) streamed in 20 ms pieces through one extractor as a single
// segment, as openSMILE's SMILExtract reads the same file; then the 88 functionals. Prints
// one JSON line: its own CPU seconds, peak RSS and the extractor's memory. The parent also
// measures this process from outside (getrusage), the same way as SMILExtract.
// Usage: node --import tsx bench/egemaps-peak-memory.ts FILE.wav [wasm|wasm-scalar|ref]
import { closeSync, openSync, readSync } from 'node:fs';
import { createEgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';

const [file, backend = 'wasm'] = process.argv.slice(2);
const e = await createEgemapsExtractor({ backend: backend as FeatureBackend });
const stream = e.stream();
const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
// The file is read a second at a time and pushed 20 ms at a time, as a capture would deliver it.
const fd = openSync(file, 'r'), block = 16000, piece = 320, bytes = Buffer.alloc(2 * block), x = new Float32Array(block);
let at = 44, samples = 0;
const t0 = process.cpuUsage();
for (;;) {
  const n = readSync(fd, bytes, 0, bytes.length, at) >> 1;
  if (n === 0) break;
  for (let i = 0; i < n; i++) x[i] = bytes.readInt16LE(2 * i) / 32768;
  for (let i = 0; i < n; i += piece) stream.push(x.subarray(i, Math.min(i + piece, n)));
  at += 2 * n;
  samples += n;
}
closeSync(fd);
const state = stream.stateBytes();
const values = stream.end().values;
const cpu = process.cpuUsage(t0);
console.log(JSON.stringify({
  audioSeconds: samples / 16000,
  extractCpuSeconds: (cpu.user + cpu.system) / 1e6,
  rssBeforeMiB,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  backendMiB: state.backend / 2 ** 20,
  contoursMiB: state.columns / 2 ** 20,
  finite: values.every(Number.isFinite),
}));
