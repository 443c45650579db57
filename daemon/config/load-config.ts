// Reads YAML config, applies EMOTIOND_* environment overrides, validates it all at once
// and reports one line per bad key, before any stage starts.
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { configSchema, type Config } from './schema.ts';
import { isTextKey, isTopLevelKey } from './string-keys.ts';
import { EmotiondError } from '../core/errors.ts';
import { registerSecret, urlPassword } from '../core/redact.ts';

/**
 * Environment overrides: EMOTIOND_MQTT__URL=mqtt://h:1883 sets mqtt.url (double underscore
 * separates levels). Values of text keys (strings, enums) are taken as they are; the others
 * are parsed as YAML scalars (`0.5`, `true`, `[a, b]`). Only EMOTIOND_<SECTION>__<KEY> and
 * EMOTIOND_<TOP_LEVEL_KEY> are config: other EMOTIOND_* variables (EMOTIOND_CONFIG,
 * EMOTIOND_DEBUG, EMOTIOND_TSX, ...) belong to the command line and are left alone.
 */
export function envOverrides(env: Record<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith('EMOTIOND_') || raw === undefined) continue;
    const path = key.slice('EMOTIOND_'.length).toLowerCase().split('__');
    if (path.length === 1 && !isTopLevelKey(configSchema, path[0])) continue;
    if (path.some((p) => p === '' || p === '__proto__' || p === 'constructor' || p === 'prototype')) {
      throw new EmotiondError('CONFIG_INVALID', `${key}: not a config key (expected EMOTIOND_<SECTION>__<KEY>)`);
    }
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      node = (isPlainObject(next) ? next : (node[part] = {})) as Record<string, unknown>;
    }
    node[path[path.length - 1]] = envValue(key, raw, path);
  }
  return out;
}

function envValue(key: string, raw: string, path: string[]): unknown {
  if (isTextKey(configSchema, path)) return raw;
  try {
    return parseYaml(raw, { logLevel: 'error' });
  } catch (err) {
    // The value itself is not repeated: the variable may hold something secret.
    throw new EmotiondError('CONFIG_INVALID', `${key}: not a valid value (${yamlReason(err)})`);
  }
}

/** The first line of a YAML error, without the excerpt of the text it quotes (which may hold a secret). */
function yamlReason(err: unknown): string {
  const msg = (err as Error).message ?? String(err);
  return msg.split('\n')[0].replace(/:\s*$/, '').replace(/ at line \d+, column \d+$/, '');
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
      // logLevel 'error': the parser's warnings would go to stderr quoting the text (a secret
      // may be on the line); what matters is thrown, without the quote.
      fromFile = parseYaml(text, { logLevel: 'error' }) ?? {};
    } catch (err) {
      const pos = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}` : '';
      throw new EmotiondError('CONFIG_INVALID', `config ${file} is not valid YAML${pos}: ${yamlReason(err)}`);
    }
    if (!isPlainObject(fromFile)) {
      throw new EmotiondError('CONFIG_INVALID', `config ${file}: expected a mapping of keys at the top level`);
    }
  }
  registerSecret(env.EMOTIOND_MQTT__PASSWORD);
  registerSecret(env.EMOTIOND_HTTP__TOKEN);
  const config = validateConfig(deepMerge(fromFile, envOverrides(env)), where);
  registerSecret(config.mqtt.password);
  registerSecret(urlPassword(config.mqtt.url));
  // The status server's token is a secret too: masked wherever a line would show it.
  registerSecret(config.http.token);
  return config;
}
