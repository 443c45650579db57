import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotiondError, errorMessage } from '../../../daemon/core/errors.ts';

test('EmotiondError carries a stable code and its message', () => {
  const e = new EmotiondError('AUDIO_FORMAT', 'x.wav: not a RIFF file');
  assert.is(e.code, 'AUDIO_FORMAT');
  assert.is(errorMessage(e), 'x.wav: not a RIFF file');
  assert.is(errorMessage('plain'), 'plain');
});

test.run();
