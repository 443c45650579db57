// Set-topic payloads: the accepted forms, and every kind of junk refused with a reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_COMMAND_BYTES, parseCommand } from '../../../daemon/sinks/commands.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function rejected(payload: Uint8Array): string {
  try {
    parseCommand(payload);
  } catch (err) {
    assert.instance(err, EmotiondError);
    assert.is((err as EmotiondError).code, 'COMMAND');
    return (err as EmotiondError).message;
  }
  throw new Error(`accepted ${new TextDecoder().decode(payload)}`);
}

test('JSON commands and the plain words', () => {
  assert.equal(parseCommand(enc('{"mute": true}')), { type: 'mute', muted: true });
  assert.equal(parseCommand(enc(' {"mute":false} ')), { type: 'mute', muted: false });
  assert.equal(parseCommand(enc('{"reload":true}')), { type: 'reload' });
  assert.equal(parseCommand(enc('mute')), { type: 'mute', muted: true });
  assert.equal(parseCommand(enc('UNMUTE\n')), { type: 'mute', muted: false });
  assert.equal(parseCommand(enc('reload')), { type: 'reload' });
  assert.equal(parseCommand(enc('{"adaptation": "reset"}')), { type: 'adaptation-reset' });
  assert.equal(parseCommand(enc('reset_adaptation')), { type: 'adaptation-reset' });
});

test('junk is refused, saying why', () => {
  assert.match(rejected(enc('{"mute": "yes"}')), /expected \{"mute": true\|false\}/);
  assert.match(rejected(enc('{"mute": true, "extra": 1}')), /expected/);
  assert.match(rejected(enc('{"reload": false}')), /expected/);
  assert.match(rejected(enc('{"adaptation": "forget"}')), /expected/);
  assert.match(rejected(enc('{"mute": tru')), /malformed JSON/);
  assert.match(rejected(enc('[1,2]')), /not a command/);
  assert.match(rejected(enc('shutdown')), /"shutdown" is not a command/);
  assert.match(rejected(enc('')), /not a command/);
  assert.match(rejected(new Uint8Array([0xff, 0xfe, 0x00])), /not UTF-8/);
  assert.match(rejected(enc('{"mute":true}' + ' '.repeat(MAX_COMMAND_BYTES))), /bytes \(at most 1024\)/);
  assert.match(rejected(enc('{"__proto__": {"mute": true}}')), /expected/);
});

test.run();
