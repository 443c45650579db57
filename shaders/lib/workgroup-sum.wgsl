// Shared by the per-frame reduction kernels; the loader prepends it to the kernels that
// list it (daemon/features/webgpu/kernel-registry.ts). WGSL has no include, and one copy
// keeps the tree order, and so the rounding, the same in every kernel.
// WG (invocations per workgroup, a power of two) is declared by the kernel.

var<workgroup> partial: array<vec2f, WG>;

// Sum of v over the workgroup, returned to every invocation. Call from uniform control flow.
fn workgroupSum(v: vec2f, lid: u32) -> vec2f {
  partial[lid] = v;
  workgroupBarrier();
  for (var h = WG / 2u; h > 0u; h >>= 1u) {
    if (lid < h) { partial[lid] += partial[lid + h]; }
    workgroupBarrier();
  }
  let total = partial[0];
  // Nobody may overwrite partial for a next sum before every invocation has read this one.
  workgroupBarrier();
  return total;
}
