// Bump allocator over linear memory. Buffers are carved out at set-up (tables, frame
// scratch) and once per input signal, never inside a kernel loop. There is no free: a
// caller takes a mark after its fixed buffers and resets to it before the next signal,
// so memory stays bounded by the largest signal seen. Blocks are 16-byte aligned (v128)
// and zero-filled, so padding around a signal reads as silence.

let top: usize = 0;

function base(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** Returns a zeroed block of `bytes`, or 0 when memory cannot grow. */
export function arenaAlloc(bytes: usize): usize {
  if (top == 0) top = base();
  const ptr = top;
  const end = (ptr + bytes + 15) & ~(<usize>15);
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  memory.fill(ptr, 0, end - ptr);
  top = end;
  return ptr;
}

/** The current top, to hand back to arenaReset later. */
export function arenaMark(): usize {
  if (top == 0) top = base();
  return top;
}

/** Releases every block allocated after `mark`. */
export function arenaReset(mark: usize): void {
  top = mark;
}
