import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classMetrics, confusionMatrix, groupAccuracy, meanStd, metricsFromConfusion } from '../../../daemon/train/metrics.ts';

const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-12, `${msg ?? ''} ${a} != ${b}`);

test('UAR, WA, precision and F1 of a hand-computed 3-class confusion matrix', () => {
  // Rows true, columns predicted. Supports 6, 6, 4; column sums 7, 4, 5; 12 correct of 16.
  const m = metricsFromConfusion([[5, 1, 0], [2, 3, 1], [0, 0, 4]], ['a', 'b', 'c']);
  close(m.wa, 12 / 16, 'WA');
  close(m.perClassRecall.a, 5 / 6);
  close(m.perClassRecall.b, 0.5);
  close(m.perClassRecall.c, 1);
  close(m.uar, (5 / 6 + 0.5 + 1) / 3, 'UAR');
  close(m.perClassPrecision.a, 5 / 7);
  close(m.perClassPrecision.b, 3 / 4);
  close(m.perClassF1.a, 10 / 13);
  close(m.perClassF1.b, 0.6);
  close(m.perClassF1.c, 8 / 9);
  close(m.macroF1, (10 / 13 + 0.6 + 8 / 9) / 3, 'macro-F1');
  assert.equal(m.support, { a: 6, b: 6, c: 4 });
});

test('a class absent from the truth is left out of UAR and macro-F1, not counted as 0', () => {
  const m = metricsFromConfusion([[2, 0, 1], [1, 1, 0], [0, 0, 0]], ['a', 'b', 'c']);
  close(m.uar, (2 / 3 + 1 / 2) / 2);
  close(m.wa, 3 / 5);
  assert.ok(Number.isNaN(m.perClassRecall.c));
  assert.is(m.perClassPrecision.c, 0); // predicted once, never right
  close(m.macroF1, ((2 * (2 / 3) * (2 / 3)) / (4 / 3) + (2 * 0.5 * 1) / 1.5) / 2);
});

test('a class never predicted has precision 0 and F1 0', () => {
  const m = metricsFromConfusion([[3, 0], [2, 0]], ['a', 'b']);
  assert.is(m.perClassPrecision.b, 0);
  assert.is(m.perClassF1.b, 0);
  close(m.uar, 0.5);
  close(m.wa, 0.6);
});

test('confusion from label arrays; classMetrics agrees with it', () => {
  const yTrue = [0, 0, 1, 1, 2, 2, 2];
  const yPred = [0, 1, 1, 1, 2, 0, 2];
  assert.equal(confusionMatrix(yTrue, yPred, 3), [[1, 1, 0], [0, 2, 0], [1, 0, 2]]);
  const m = classMetrics(yTrue, yPred, ['x', 'y', 'z']);
  close(m.uar, (0.5 + 1 + 2 / 3) / 3);
  close(m.wa, 5 / 7);
  assert.throws(() => confusionMatrix([0], [0, 1], 2), /1 labels but 2 predictions/);
});

test('per-speaker accuracy and mean/std helpers', () => {
  const acc = groupAccuracy([0, 1, 1, 0], [0, 0, 1, 0], ['s2', 's1', 's1', 's2']);
  assert.equal(Object.keys(acc), ['s1', 's2']);
  assert.equal(acc.s1, { rows: 2, accuracy: 0.5 });
  assert.equal(acc.s2, { rows: 2, accuracy: 1 });
  assert.equal(meanStd([1, 3]), { mean: 2, std: 1 });
  assert.equal(meanStd([2, NaN]), { mean: 2, std: 0 });
});

test.run();
