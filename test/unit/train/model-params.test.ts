import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseMembers, parseModelParams } from '../../../daemon/train/model-params.ts';

test('parseModelParams nests known keys and types their values', () => {
  assert.equal(parseModelParams(['lda.shrinkage=auto', 'gbt.rounds=300', 'mlp.hidden=64,32', 'rbf.svm.c=2', 'logreg.balanced=false']), {
    lda: { shrinkage: 'auto' }, gbt: { rounds: 300 }, mlp: { hidden: [64, 32] }, rbf: { svm: { c: 2 } }, logreg: { balanced: false },
  });
  assert.equal(parseModelParams([]), {});
});

test('parseModelParams names the bad entry', () => {
  assert.throws(() => parseModelParams(['lda.shrink=0.3']), /lda\.shrink=0\.3: expected KEY=VALUE/);
  assert.throws(() => parseModelParams(['gbt.rounds=1.5']), /whole number/);
  assert.throws(() => parseModelParams(['lda.shrinkage=2']), /\[0, 1\], 'auto' or 'cv'/);
  assert.throws(() => parseModelParams(['svm.c=']), /number/);
});

test('logreg.c takes a positive number or cv', () => {
  assert.equal(parseModelParams(['logreg.c=cv']), { logreg: { c: 'cv' } });
  assert.equal(parseModelParams(['logreg.c=0.01']), { logreg: { c: 0.01 } });
  for (const bad of ['logreg.c=0', 'logreg.c=-1', 'logreg.c=auto']) assert.throws(() => parseModelParams([bad]), /positive number or 'cv'/, bad);
});

test('transform and scaling take their named values; rankGauss.knots a whole number', () => {
  assert.equal(parseModelParams(['transform=none', 'scaling=total', 'rankGauss.knots=32']), { transform: 'none', scaling: 'total', rankGauss: { knots: 32 } });
  assert.equal(parseModelParams(['transform=rank-gauss', 'scaling=within-class']), { transform: 'rank-gauss', scaling: 'within-class' });
  assert.throws(() => parseModelParams(['transform=yeo-johnson']), /expected one of none, rank-gauss/);
  assert.throws(() => parseModelParams(['scaling=within']), /expected one of total, within-class/);
  assert.throws(() => parseModelParams(['rankGauss.knots=1']), /at least 2 knots/);
});

test('parseMembers accepts known kinds once each', () => {
  assert.equal(parseMembers('lda, rbf-svm,gbt'), ['lda', 'rbf-svm', 'gbt']);
  assert.throws(() => parseMembers('lda,ensemble'), /'ensemble' is not one of/);
  assert.throws(() => parseMembers('lda,lda'), /listed twice/);
  assert.throws(() => parseMembers(''), /at least one/);
});

test.run();
