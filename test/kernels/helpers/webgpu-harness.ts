// Shared by the WGSL kernel parity tests: one device per test file, tests that report as
// skipped (with the reason printed) where no WebGPU adapter exists, and a one-shot runner
// that uploads arrays, dispatches a kernel and reads its outputs back.
import { test } from 'uvu';
import { uploadArray, readbackBuffer, readMapped, storageBuffer, type TypedArray } from '../../../daemon/features/webgpu/gpu-buffers.ts';
import { requestGpuDevice, type GpuHandle } from '../../../daemon/features/webgpu/gpu-device.ts';
import { GpuKernel, type KernelName } from '../../../daemon/features/webgpu/gpu-kernel.ts';

export const WG = 64;
export const gpu: GpuHandle | null = await requestGpuDevice();
if (gpu) console.log(`WebGPU adapter: ${gpu.description}`);

/** A test that needs the GPU: registered as skipped, with the reason printed, when there is none. */
export function gpuTest(name: string, fn: (h: GpuHandle) => Promise<void>): void {
  if (gpu) return test(name, () => fn(gpu));
  console.log(`skipped "${name}": no WebGPU adapter (EMOTIOND_WEBGPU__BACKEND=${process.env.EMOTIOND_WEBGPU__BACKEND ?? 'auto'})`);
  test.skip(name, () => undefined);
}

/** One dispatch of a kernel: inputs are uploaded, outputs are zeroed buffers of the given float counts. */
export async function runKernel(
  h: GpuHandle, name: KernelName, constants: Record<string, number>,
  inputs: readonly TypedArray[], outputs: readonly number[], workgroups: number,
): Promise<Float32Array[]> {
  const { device } = h;
  const k = await GpuKernel.create(device, name, { WG, ...constants });
  const ins = inputs.map((a, i) => uploadArray(device, a, `${name} in ${i}`));
  const outs = outputs.map((n, i) => storageBuffer(device, 4 * n, `${name} out ${i}`));
  const reads = outputs.map((n, i) => readbackBuffer(device, 4 * n, `${name} read ${i}`));
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  // Outputs are bound at their exact size: grid-stride kernels take their length from it.
  k.dispatch(pass, [...ins, ...outs.map((buffer, i) => ({ buffer, offset: 0, size: Math.max(4, 4 * outputs[i]) }))], workgroups);
  pass.end();
  outs.forEach((b, i) => enc.copyBufferToBuffer(b, 0, reads[i], 0, b.size));
  device.queue.submit([enc.finish()]);
  const result = await Promise.all(reads.map(async (r, i) => new Float32Array(await readMapped(r, 4 * outputs[i]))));
  [...ins, ...outs, ...reads].forEach((b) => b.destroy());
  return result;
}

/** Frames stacked row after row, as the GPU pipeline stores them. */
export function stack(rows: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(rows.reduce((s, r) => s + r.length, 0));
  let at = 0;
  for (const r of rows) {
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/** Row f of a stacked array of rows of length n. */
export const row = (a: Float32Array, f: number, n: number): Float32Array => a.subarray(f * n, (f + 1) * n);
