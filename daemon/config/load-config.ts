// Reads YAML config, applies EMOTIOND_* environment overrides, validates it all at once
// and reports one line per bad key, before any stage starts.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { configSchema, type Config } from './schema.ts';
import { EmotiondError } from '../core/errors.ts';

/** EMOTIOND_* variables that are not config keys. */
const NOT_CONFIG = new Set(['EMOTIOND_CONFIG', 'EMOTIOND_DEBUG']);

/**
 * Environment overrides: EMOTIOND_MQTT__URL=mqtt://h:1883 sets mqtt.url
 * (double underscore separates levels; values are parsed as YAML scalars).
 */
export function envOverrides(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith('EMOTIOND_') || raw === undefined || NOT_CONFIG.has(key)) continue;
    const path = key.slice('EMOTIOND_'.length).toLowerCase().split('__');
    let node = out;
    for (const part of path.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]] = parseYaml(raw);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

/** Validates a plain object; throws CONFIG_INVALID with one line per problem. */
export function validateConfig(raw: unknown, where: string): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.flatMap((issue) => {
    const at = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `  ${at ? `${at}.` : ''}${k}: unknown key`);
    }
    return [`  ${at || '(top level)'}: ${issue.message}`];
  });
  throw new EmotiondError('CONFIG_INVALID', `invalid config ${where}:\n${lines.join('\n')}`);
}

/** Loads a YAML file (or only defaults when `file` is undefined) plus environment overrides. */
export function loadConfig(file: string | undefined, env: Record<string, string | undefined> = process.env): Config {
  let fromFile: unknown = {};
  const where = file ?? '(defaults)';
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new EmotiondError('CONFIG_INVALID', `cannot read config ${file}: ${(err as Error).message}`);
    }
    try {
      fromFile = parseYaml(text) ?? {};
    } catch (err) {
      const pos = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
      throw new EmotiondError('CONFIG_INVALID', `config ${file} is not valid YAML${pos}: ${(err as Error).message}`);
    }
    if (!isPlainObject(fromFile)) {
      throw new EmotiondError('CONFIG_INVALID', `config ${file}: expected a mapping of keys at the top level`);
    }
  }
  return validateConfig(deepMerge(fromFile, envOverrides(env)), where);
}
