// The egemaps-v02 set carries openSMILE's 88 eGeMAPSv02 names, in openSMILE's order. Checked
// against the header of openSMILE's own output when ../shared/reference is present.
import { existsSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EGEMAPS_CSV, readReference } from '../../../bench/opensmile-csv.ts';
import { createEgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import { EGEMAPS_NAMES } from '../../../daemon/features/egemaps/egemaps-names.ts';

test('88 distinct names; the extractor reports them', async () => {
  assert.is(EGEMAPS_NAMES.length, 88);
  assert.is(new Set(EGEMAPS_NAMES).size, 88);
  const e = await createEgemapsExtractor();
  assert.equal([...e.names], [...EGEMAPS_NAMES]);
  assert.is(e.extract(new Float32Array(1600)).values.length, 88);
});

const present = existsSync(EGEMAPS_CSV);
if (!present) console.log(`    skipped: ${EGEMAPS_CSV} is absent (openSMILE reference output)`);
(present ? test : test.skip)('names and order equal the header of openSMILE 3.0.2 eGeMAPSv02 output', () => {
  assert.equal([...EGEMAPS_NAMES], readReference().names);
});

test.run();
