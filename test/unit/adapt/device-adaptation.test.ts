import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceAdaptation } from '../../../daemon/adapt/device-adaptation.ts';
import type { ModelMeta } from '../../../daemon/core/types.ts';

const meta = (name: string): ModelMeta => ({
  name, classes: ['a', 'b'], featureNames: ['f0', 'f1'], dimensions: {}, training: {},
  featureStatistics: { mean: [0, 0], std: [1, 1] },
});
const vec = (a: number, b: number) => ({ names: ['f0', 'f1'], values: Float32Array.from([a, b]) });

test('saved for its model, restored for the same one, not for another; reset clears; a broken file is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-adapt-unit-'));
  const errors: string[] = [];
  try {
    const a = new DeviceAdaptation(dir, (e) => errors.push(e.message));
    await a.bind(meta('m1'));
    for (let i = 0; i < 5; i++) a.learn(vec(10 + i, -i));
    await a.flush();
    assert.is(JSON.parse(readFileSync(a.file, 'utf8')).state.count, 5);
    const b = new DeviceAdaptation(dir, (e) => errors.push(e.message));
    await b.bind(meta('m1'));
    assert.is(b.seen, 5);
    assert.equal(Array.from(b.map(vec(12, -2)).values), Array.from(a.map(vec(12, -2)).values));
    const c = new DeviceAdaptation(dir, (e) => errors.push(e.message));
    await c.bind(meta('m2'));
    assert.is(c.seen, 0);
    await b.reset();
    assert.is(JSON.parse(readFileSync(b.file, 'utf8')).state.count, 0);
    writeFileSync(b.file, '{not json');
    const d = new DeviceAdaptation(dir, (e) => errors.push(e.message));
    await d.bind(meta('m1'));
    assert.is(d.seen, 0);
    assert.match(errors.join('\n'), /adaptation\.json: saved adaptation not used/);
    let refused: unknown;
    await d.bind({ ...meta('m3'), featureStatistics: undefined }).catch((e) => { refused = e; });
    assert.match(String(refused), /carries no featureStatistics/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
