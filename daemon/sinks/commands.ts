// Commands received on `<prefix>/<device_id>/set`. Anyone who can publish there can drive
// the device, so every payload is checked before anything acts on it: a size limit, then
// JSON against a strict schema (or one of the plain words), and nothing else.
//   {"mute": true} | {"mute": false} | {"reload": true} | {"adaptation": "reset"}
//   or   mute | unmute | reload | reset_adaptation
import { z } from 'zod';
import { EmotiondError } from '../core/errors.ts';

export type Command = { type: 'mute'; muted: boolean } | { type: 'reload' } | { type: 'adaptation-reset' };

export const MAX_COMMAND_BYTES = 1024;

const WORDS: Record<string, Command> = {
  mute: { type: 'mute', muted: true },
  unmute: { type: 'mute', muted: false },
  reload: { type: 'reload' },
  reset_adaptation: { type: 'adaptation-reset' },
};

const jsonCommand = z.union([
  z.strictObject({ mute: z.boolean() }),
  z.strictObject({ reload: z.literal(true) }),
  z.strictObject({ adaptation: z.literal('reset') }),
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
  if (!text.startsWith('{')) throw bad(`${JSON.stringify(text.slice(0, 40))} is not a command (mute, unmute, reload, reset_adaptation or a JSON object)`);
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
  if ('mute' in r.data) return { type: 'mute', muted: r.data.mute };
  return 'adaptation' in r.data ? { type: 'adaptation-reset' } : { type: 'reload' };
}
