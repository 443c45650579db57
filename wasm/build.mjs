#!/usr/bin/env node
// Builds the feature kernels (wasm/assembly/index.ts) twice with AssemblyScript's asc:
//   build/features.wasm         --enable simd (f32x4 hot loops)
//   build/features-scalar.wasm  same sources; without the simd feature ASC_FEATURE_SIMD is
//                               false and every vector branch is compiled out (benchmarks)
// Both get asc's raw bindings (.js + .d.ts); the TypeScript loader takes its types from
// features.d.ts, and this script fails if the two builds' typings differ.
// --runtime stub: the kernels never allocate; wasm/assembly/arena.ts hands out memory.
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = fileURLToPath(new URL('.', import.meta.url));
const common = ['assembly/index.ts', '-O3', '--runtime', 'stub', '--noAssert', '--bindings', 'raw'];
const variants = [
  { out: 'build/features.wasm', flags: ['--enable', 'simd'] },
  { out: 'build/features-scalar.wasm', flags: [] },
];

await mkdir(new URL('build/', import.meta.url), { recursive: true });
process.chdir(here);
for (const v of variants) {
  const { error, stderr } = await asc.main([...common, ...v.flags, '--outFile', v.out]);
  if (error) {
    process.stderr.write(stderr.toString());
    console.error(`wasm/build.mjs: ${v.out}: ${error.message}`);
    process.exit(1);
  }
  console.log(`wasm/build.mjs: built wasm/${v.out}`);
}
const typings = variants.map((v) => readFileSync(v.out.replace(/\.wasm$/, '.d.ts'), 'utf8'));
if (typings[0] !== typings[1]) {
  console.error('wasm/build.mjs: the SIMD and scalar builds export different functions');
  process.exit(1);
}
