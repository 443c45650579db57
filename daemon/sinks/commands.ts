// Commands received on `<prefix>/<device_id>/set`. Anyone who can publish there can drive
// the device, so every payload is checked before anything acts on it: a size limit, then
// JSON against a strict schema (or one of the plain words), and nothing else.
//   {"mute": true} | {"mute": false} | {"reload": true} | {"adaptation": "reset"}
//   or   mute | unmute | reload | reset_adaptation | ON | OFF
// (ON/OFF: what a hand-written Home Assistant MQTT switch sends). A JSON command may carry
// "correlation_data" (a string of at most 128 characters), echoed in the response: MQTT 3.1.1
// has no correlation property.
import { z } from 'zod';
import { EmotiondError } from '../core/errors.ts';

export type Command = ({ type: 'mute'; muted: boolean } | { type: 'reload' } | { type: 'adaptation-reset' }) & { correlation?: string };

export const MAX_COMMAND_BYTES = 1024;

const WORDS: Record<string, Command> = {
  mute: { type: 'mute', muted: true },
  unmute: { type: 'mute', muted: false },
  reload: { type: 'reload' },
  reset_adaptation: { type: 'adaptation-reset' },
  on: { type: 'mute', muted: true },
  off: { type: 'mute', muted: false },
};

const correlation = z.string().max(128).optional();

const jsonCommand = z.union([
  z.strictObject({ mute: z.boolean(), correlation_data: correlation }),
  z.strictObject({ reload: z.literal(true), correlation_data: correlation }),
  z.strictObject({ adaptation: z.literal('reset'), correlation_data: correlation }),
]);

const bad = (why: string): EmotiondError => new EmotiondError('COMMAND', `set command rejected: ${why}`);

/** Parses one payload; throws EmotiondError('COMMAND') saying what is wrong with it. */
export function parseCommand(payload: Uint8Array): Command {
  if (payload.length > MAX_COMMAND_BYTES) throw bad(`${payload.length} bytes (at most ${MAX_COMMAND_BYTES})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload).trim();
  } catch {
    throw bad('not UTF-8 text');
  }
  const word = WORDS[text.toLowerCase()];
  if (word) return word;
  if (!text.startsWith('{')) throw bad(`${JSON.stringify(text.slice(0, 40))} is not a command (mute, unmute, reload, reset_adaptation, ON, OFF or a JSON object)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('malformed JSON');
  }
  const r = jsonCommand.safeParse(value);
  if (!r.success) {
    throw bad(`expected {"mute": true|false}, {"reload": true} or {"adaptation": "reset"}, got ${JSON.stringify(value).slice(0, 80)}`);
  }
  const c = r.data.correlation_data;
  const cmd: Command = 'mute' in r.data ? { type: 'mute', muted: r.data.mute }
    : 'adaptation' in r.data ? { type: 'adaptation-reset' } : { type: 'reload' };
  return c === undefined ? cmd : { ...cmd, correlation: c };
}

/** The `correlation_data` of a refused JSON command, if it can be read, so the refusal can carry it. */
export function peekCorrelation(payload: Uint8Array): string | undefined {
  if (payload.length > MAX_COMMAND_BYTES) return undefined;
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    const c = v && typeof v === 'object' ? (v as Record<string, unknown>).correlation_data : undefined;
    return typeof c === 'string' && c.length <= 128 ? c : undefined;
  } catch {
    return undefined;
  }
}

/** How a command is named in responses and metrics. */
export function commandName(c: Command): 'mute' | 'unmute' | 'reload' | 'reset_adaptation' {
  if (c.type === 'adaptation-reset') return 'reset_adaptation';
  return c.type === 'reload' ? 'reload' : c.muted ? 'mute' : 'unmute';
}
