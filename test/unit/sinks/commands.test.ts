// Set-topic payloads: the accepted forms, and every kind of junk refused with a reason.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_COMMAND_BYTES, parseCommand, peekCorrelation } from '../../../daemon/sinks/commands.ts';
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

test('ON/OFF (a hand-written Home Assistant switch) mute and unmute', () => {
  assert.equal(parseCommand(enc('ON')), { type: 'mute', muted: true });
  assert.equal(parseCommand(enc('off')), { type: 'mute', muted: false });
});

test('correlation_data is carried through, and read back from a refused command', () => {
  assert.equal(parseCommand(enc('{"mute": true, "correlation_data": "r-1"}')), { type: 'mute', muted: true, correlation: 'r-1' });
  assert.equal(parseCommand(enc('{"reload": true, "correlation_data": "r-2"}')), { type: 'reload', correlation: 'r-2' });
  assert.match(rejected(enc('{"mute": true, "correlation_data": 5}')), /expected/);
  assert.match(rejected(enc(`{"mute": true, "correlation_data": "${'x'.repeat(129)}"}`)), /expected/);
  assert.is(peekCorrelation(enc('{"mute": "yes", "correlation_data": "r-3"}')), 'r-3');
  assert.is(peekCorrelation(enc('garbage')), undefined);
  assert.is(peekCorrelation(enc(`{"correlation_data": "r", "pad": "${' '.repeat(MAX_COMMAND_BYTES)}"}`)), undefined);
});

test.run();
