// Dawn under Node (the `webgpu` package), loaded the one way both of its users (the feature
// kernels, daemon/features/webgpu/gpu-device.ts, and onnxruntime-web's WebGPU EP,
// daemon/model/webgpu-env.ts) need it: its globals (GPUBufferUsage, GPUMapMode, GPUQueue...)
// defined, and no view of a SharedArrayBuffer ever passed to its GPUQueue.writeBuffer.
// Dawn's binding cannot read shared memory: on the software adapter it throws "Invalid
// argument", and on a hardware GPU (Vulkan, NVIDIA) such a write killed the process
// (SIGSEGV). ORT's wasm memory is shared, and any caller may hold such a view, so the guard
// is installed with the binding itself, before any device exists, not by one of its users.

export interface DawnModule {
  create(flags: string[]): GPU;
}

let loaded: Promise<DawnModule> | null = null;

/** The `webgpu` binding with its globals defined and writeBuffer guarded (once per process). */
export function loadDawn(): Promise<DawnModule> {
  loaded ??= import('webgpu').then((m) => {
    const { create, globals } = m as unknown as { create(flags: string[]): GPU; globals: Record<string, unknown> };
    for (const [k, v] of Object.entries(globals)) if (!(k in globalThis)) Object.assign(globalThis, { [k]: v });
    copySharedWriteBuffer(globals.GPUQueue as { prototype: GPUQueue });
    return { create };
  });
  return loaded;
}

/** writeBuffer with a view of a SharedArrayBuffer writes a private copy instead. */
export function copySharedWriteBuffer(queueClass: { prototype: GPUQueue }): void {
  const proto = queueClass.prototype as GPUQueue & { [patched]?: true };
  if (proto[patched]) return;
  const original = proto.writeBuffer;
  proto.writeBuffer = function (this: GPUQueue, buffer, offset, data, dataOffset?, size?) {
    const src = data as ArrayBufferView | ArrayBuffer | SharedArrayBuffer;
    const shared = typeof SharedArrayBuffer !== 'undefined' &&
      (src instanceof SharedArrayBuffer || (ArrayBuffer.isView(src) && src.buffer instanceof SharedArrayBuffer));
    if (!shared) return original.call(this, buffer, offset, data, dataOffset, size);
    // Offsets and sizes count elements of a typed array, bytes otherwise.
    const view = ArrayBuffer.isView(src) ? src : new Uint8Array(src);
    const unit = 'BYTES_PER_ELEMENT' in view ? (view.BYTES_PER_ELEMENT as number) : 1;
    const from = (dataOffset ?? 0) * unit;
    const bytes = size === undefined ? view.byteLength - from : size * unit;
    const copy = new Uint8Array(view.buffer, view.byteOffset + from, bytes).slice();
    return original.call(this, buffer, offset, copy);
  };
  proto[patched] = true;
}
const patched = Symbol.for('emotiond.writeBufferCopiesShared');
