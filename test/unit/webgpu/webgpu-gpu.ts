// For the WebGPU unit tests: one extractor per test file, and tests that report as skipped,
// with the reason printed, where there is no WebGPU adapter.
import { test } from 'uvu';
import { requestGpuDevice } from '../../../daemon/features/webgpu/gpu-device.ts';

/** Whether a WebGPU adapter exists here (probed once; the device is released again). */
export const hasGpu: boolean = await (async () => {
  const h = await requestGpuDevice();
  h?.device.destroy();
  return h !== null;
})();

export function gpuTest(name: string, fn: () => Promise<void>, also: { needs?: boolean; why?: string } = {}): void {
  const reason = !hasGpu ? `no WebGPU adapter (EMOTIOND_WEBGPU__BACKEND=${process.env.EMOTIOND_WEBGPU__BACKEND ?? 'auto'})` : also.needs === false ? also.why : null;
  if (!reason) return test(name, fn);
  console.log(`skipped "${name}": ${reason}`);
  test.skip(name, fn);
}
