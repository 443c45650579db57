// Which `emotiond run` command lines the lean daemon entry takes (bin/run-args.js); all
// others go to the full command line, which explains usage errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
// @ts-expect-error: plain JavaScript without declarations
import { parseRunArgs } from '../../../bin/run-args.js';

const env = { EMOTIOND_CONFIG: '/etc/e.yaml' };
test('the config file: from -c, --config, --config= or EMOTIOND_CONFIG', () => {
  assert.equal(parseRunArgs([], env), { config: '/etc/e.yaml' });
  assert.equal(parseRunArgs([], {}), { config: undefined });
  assert.equal(parseRunArgs(['-c', 'a.yaml'], env), { config: 'a.yaml' });
  assert.equal(parseRunArgs(['--config', 'a.yaml'], env), { config: 'a.yaml' });
  assert.equal(parseRunArgs(['--config=a.yaml'], env), { config: 'a.yaml' });
});

test('anything else is left to the full command line', () => {
  for (const args of [['--help'], ['-c'], ['--config='], ['-c', '--help'], ['-c', 'a', 'b'], ['--bogus', 'x'], ['a.yaml']]) {
    assert.is(parseRunArgs(args, env), null, args.join(' '));
  }
});

test.run();
