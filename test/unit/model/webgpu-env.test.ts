// The Node workarounds of daemon/model/webgpu-env.ts. Each is needed for the WebGPU EP to
// run at all; the end-to-end run (in a fresh process) fails when any one is removed:
//  1. navigator.gpu -> the EP does not start (ORT falls back to WASM: no WebGPU device);
//  2. writeBuffer copy -> Dawn throws "Invalid argument" on ORT's shared memory;
//  3. liftoff only -> the first inference takes over a minute here (the child is killed at 60 s);
//  4. numThreads 1 -> with 8 cores reported ORT starts workers, which fail to load.
// Where no adapter exists, the WebGPU runs are skipped (printed) and the fallback is checked.
import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copySharedWriteBuffer, dawnAttemptsFromEnv } from '../../../daemon/model/webgpu-env.ts';
import { requestGpuDevice } from '../../../daemon/features/webgpu/gpu-device.ts';
import { hasGpu } from '../webgpu/webgpu-gpu.ts';

const root = new URL('../../../', import.meta.url).pathname;

function child(ep: string, env: NodeJS.ProcessEnv = {}): { ep: string; note: string; webgpuDevice: boolean; numThreads: number; navigatorGpu: string; maxDiff: number; firstMs: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/unit/model/webgpu-env-child.ts', ep], {
    cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `child ${r.signal ? `killed (${r.signal}) after 60 s` : `exit ${r.status}`}: ${r.stdout}\n${r.stderr.slice(-2000)}`);
  return JSON.parse(line);
}

const gpuOnly = (name: string, fn: () => void | Promise<void>): void => {
  if (hasGpu) return test(name, fn);
  console.log(`skipped "${name}": no WebGPU adapter`);
  test.skip(name, fn);
};

test('backend choice from the environment, as for the feature kernels', () => {
  assert.equal(dawnAttemptsFromEnv({}).map((a) => a.flags), [[], ['backend=opengles']]);
  assert.equal(dawnAttemptsFromEnv({ EMOTIOND_WEBGPU__BACKEND: 'software' }), [{ flags: ['backend=opengles'], adapter: { featureLevel: 'compatibility' } }]);
  assert.equal(dawnAttemptsFromEnv({ EMOTIOND_WEBGPU__BACKEND: 'vulkan', EMOTIOND_WEBGPU__FLAGS: 'a,b' })[0].flags, ['backend=vulkan', 'a', 'b']);
  // Options given (e.g. from a config file) win over the environment.
  assert.equal(dawnAttemptsFromEnv({ EMOTIOND_WEBGPU__BACKEND: 'vulkan' }, { backend: 'software', flags: ['c'] }).map((a) => a.flags), [['backend=opengles', 'c']]);
});

test('writeBuffer: views of a SharedArrayBuffer reach the original as private copies; others untouched', () => {
  const calls: unknown[][] = [];
  class FakeQueue { writeBuffer(...args: unknown[]) { calls.push(args); } }
  copySharedWriteBuffer(FakeQueue as unknown as { prototype: GPUQueue });
  const q = new FakeQueue() as unknown as GPUQueue;
  const sab = new Float32Array(new SharedArrayBuffer(32));
  sab.forEach((_, i) => (sab[i] = i + 0.5));
  // The WebGPU types exclude shared views; ORT passes them at run time all the same.
  q.writeBuffer({} as GPUBuffer, 8, sab as unknown as Float32Array<ArrayBuffer>, 2, 3);
  const [, off, data, dOff, size] = calls[0] as [unknown, number, Uint8Array, unknown, unknown];
  assert.is(off, 8);
  assert.ok(!(data.buffer instanceof SharedArrayBuffer));
  assert.equal(Array.from(new Float32Array(data.buffer, data.byteOffset, 3)), [2.5, 3.5, 4.5]);
  assert.is(dOff, undefined);
  assert.is(size, undefined);
  const plain = new Float32Array(4);
  q.writeBuffer({} as GPUBuffer, 0, plain, 1, 2);
  assert.ok(calls[1][2] === plain && calls[1][3] === 1 && calls[1][4] === 2);
});

// A view of a SharedArrayBuffer must never reach Dawn: on a hardware GPU (Vulkan, NVIDIA)
// this file died with SIGSEGV in a test that handed one to Dawn's writeBuffer to show that
// it is refused. The guard is installed when the binding loads (daemon/core/dawn-node.ts),
// so a device for the feature kernels, made before any ORT session, is covered too; before,
// only ORT's path installed it and this write threw "Invalid argument" here.
gpuOnly('a device from requestGpuDevice writes views of shared memory as copies; none reaches Dawn', async () => {
  const { device } = (await requestGpuDevice())!;
  const GPUQueueClass = (globalThis as unknown as { GPUQueue: { prototype: GPUQueue } }).GPUQueue;
  assert.ok(Object.getOwnPropertySymbols(GPUQueueClass.prototype).includes(Symbol.for('emotiond.writeBufferCopiesShared')), 'guard not installed');
  const buf = device.createBuffer({ size: 16, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
  const shared = new Float32Array(new SharedArrayBuffer(32));
  shared.forEach((_, i) => (shared[i] = i + 0.5));
  device.queue.writeBuffer(buf, 0, shared as unknown as Float32Array<ArrayBuffer>, 4, 4);
  const read = device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(buf, 0, read, 0, 16);
  device.queue.submit([enc.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  assert.equal(Array.from(new Float32Array(read.getMappedRange().slice(0))), [4.5, 5.5, 6.5, 7.5]);
  // Nothing of Dawn's is left in use when the device goes: the mapping ends, then the buffers.
  read.unmap();
  read.destroy();
  buf.destroy();
  await device.queue.onSubmittedWorkDone();
  device.destroy();
});

gpuOnly('the WebGPU EP runs models/emotion.onnx in Node and matches the WASM EP (all four workarounds)', () => {
  const r = child('webgpu');
  assert.is(r.ep, 'webgpu', r.note);
  assert.is(r.navigatorGpu, 'object');
  assert.ok(r.webgpuDevice, 'ORT started no WebGPU device: the session fell back to WASM');
  assert.is(r.numThreads, 1);
  assert.ok(r.maxDiff <= 1e-4, `max abs difference ${r.maxDiff}`);
  console.log(`WebGPU EP: first inference ${r.firstMs} ms after start, max |p_webgpu - p_wasm| ${r.maxDiff.toExponential(1)} (${r.note})`);
});

test('without an adapter the WebGPU request falls back to the WASM EP', () => {
  // Dawn has no Metal backend on Linux: an adapter request that finds nothing.
  const r = child('webgpu', { EMOTIOND_WEBGPU__BACKEND: process.platform === 'darwin' ? 'd3d12' : 'metal' });
  assert.is(r.ep, 'wasm');
  assert.match(r.note, /no WebGPU adapter/);
  assert.is(r.maxDiff, 0);
});

test.run();
