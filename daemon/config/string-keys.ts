// Which config keys hold text, read from the schema itself: their environment overrides are
// taken as they are, not parsed as YAML, so that a password such as `*pw`, `[x`, `123456` or
// `true` stays that string (as YAML it would be an alias, a broken list, a number, a boolean).
import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under wrappers (default, optional, prefault, nullable, pipe). */
function unwrap(s: z.ZodType): z.ZodType {
  let d = def(s);
  while (d.innerType || (d.type === 'pipe' && d.in)) {
    s = (d.innerType ?? d.in)!;
    d = def(s);
  }
  return s;
}

function isText(s: z.ZodType): boolean {
  const d = def(unwrap(s));
  if (d.type === 'string' || d.type === 'enum') return true;
  if (d.type === 'union') return (d.options ?? []).every(isText);
  return false;
}

/** Children of an object schema, or of every option of a union of objects (source: file | portaudio). */
function children(s: z.ZodType): Record<string, z.ZodType>[] {
  const d = def(unwrap(s));
  if (d.type === 'object') return [(unwrap(s) as unknown as { shape: Record<string, z.ZodType> }).shape];
  if (d.type === 'union') return (d.options ?? []).flatMap(children);
  return [];
}

/** True when the key at `path` (e.g. ['mqtt', 'password']) is a text value in `schema`. */
export function isTextKey(schema: z.ZodType, path: readonly string[]): boolean {
  let candidates = [schema];
  for (const part of path) {
    candidates = candidates.flatMap((c) => children(c).flatMap((shape) => (Object.hasOwn(shape, part) ? [shape[part]] : [])));
    if (candidates.length === 0) return false;
  }
  return candidates.every(isText);
}

/** True when `name` is a section (an object) of the schema, or a key at its top level. */
export function isTopLevelKey(schema: z.ZodType, name: string): boolean {
  return children(schema).some((shape) => Object.hasOwn(shape, name));
}
