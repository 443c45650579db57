// Small helpers over GPUBuffer: storage buffers filled at creation, and readback through a
// mappable copy (a storage buffer cannot be mapped itself).

/** Bindings may not be empty: every buffer holds at least this many bytes. */
const MIN_BYTES = 16;

export type TypedArray = Float32Array | Uint32Array | Int32Array;

const roundUp4 = (n: number): number => Math.max(MIN_BYTES, Math.ceil(n / 4) * 4);

export function storageBuffer(device: GPUDevice, bytes: number, label: string): GPUBuffer {
  return device.createBuffer({
    label,
    size: roundUp4(bytes),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
}

/** A storage buffer holding a copy of data (mapped at creation: no staging copy). */
export function uploadArray(device: GPUDevice, data: TypedArray, label: string): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: roundUp4(data.byteLength),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    mappedAtCreation: true,
  });
  new Uint8Array(buffer.getMappedRange()).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  buffer.unmap();
  return buffer;
}

/** A buffer to copy results into and map for reading. */
export function readbackBuffer(device: GPUDevice, bytes: number, label: string): GPUBuffer {
  return device.createBuffer({ label, size: roundUp4(bytes), usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
}

/** Maps a readback buffer, copies `bytes` out and unmaps it again for the next use. */
export async function readMapped(buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  await buffer.mapAsync(GPUMapMode.READ, 0, roundUp4(bytes));
  const copy = buffer.getMappedRange(0, roundUp4(bytes)).slice(0, bytes);
  buffer.unmap();
  return copy;
}
