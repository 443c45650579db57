// Taking back the work a snapshot does: a snapshot of a stream runs the segment's end (the
// last frames, the Viterbi smoother's flush, their harmonics and period matching) on the live
// state, then restores it. checkpointFields() saves an object's own numbers and typed arrays
// (and arrays of typed arrays), and those of the nested objects named; the restore function
// puts back both the contents and which array each field held (fields that swap buffers).
type Typed = Float32Array | Float64Array | Int32Array;

const isTyped = (v: unknown): v is Typed => v instanceof Float32Array || v instanceof Float64Array || v instanceof Int32Array;

export function checkpointFields(obj: object, nested: readonly string[] = []): () => void {
  const o = obj as Record<string, unknown>;
  const undo: (() => void)[] = [];
  for (const [key, v] of Object.entries(o)) {
    if (typeof v === 'number' || typeof v === 'boolean') undo.push(() => (o[key] = v));
    else if (isTyped(v)) {
      const copy = v.slice();
      undo.push(() => {
        o[key] = v;
        v.set(copy as never);
      });
    } else if (Array.isArray(v) && v.length > 0 && v.every(isTyped)) {
      const copies = v.map((a) => a.slice());
      undo.push(() => v.forEach((a, i) => a.set(copies[i] as never)));
    } else if (nested.includes(key) && v && typeof v === 'object') undo.push(checkpointFields(v));
  }
  return () => undo.forEach((u) => u());
}
