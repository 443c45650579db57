// A plain-text rendering of an EvalReport for terminals and logs.
import type { EvalReport } from './evaluate.ts';

const pct = (v: number): string => (Number.isFinite(v) ? (v * 100).toFixed(1) : '  -  ');

export function formatReport(r: EvalReport): string {
  const out: string[] = [];
  const corpora = r.corpora.map((c) => `${c.name} (${c.rows})`).join(', ');
  const opts = [
    r.options.members ? `members ${r.options.members.join('+')}` : '',
    r.options.select !== undefined ? `ANOVA top ${r.options.select}` : '',
    r.options.transform ?? '',
    r.options.scaling ? `${r.options.scaling} scaling` : '',
    r.options.balance ? `balance ${r.options.balance}` : '',
    r.options.calibrate ? `calibrated (${r.options.calibrate})` : '',
    r.options.rooms ? `rooms ${r.options.rooms}` : '',
    r.augment.length ? `augmented ${r.augment.join(',')}` : '',
  ].filter(Boolean).map((o) => ` | ${o}`).join('');
  out.push(`${r.model} | ${r.protocol} | ${corpora} | ${r.featureCount} features${opts} | seed ${r.seed}`);
  out.push(r.speakerAdaptation
    ? 'WITH SPEAKER ADAPTATION: every speaker normalised with its own statistics (test speakers included); not speaker-independent'
    : 'speaker-independent: nothing from the test speakers in training or normalisation');
  out.push(`UAR ${pct(r.uar)}%   WA ${pct(r.wa)}%   macro-F1 ${pct(r.macroF1)}%   ` +
    `(per fold: UAR ${pct(r.foldUar.mean)} +/- ${pct(r.foldUar.std)}, ${r.folds.length} folds, ${r.seconds.toFixed(1)} s)`);
  if (r.calibration) {
    const c = r.calibration;
    out.push(`calibration: ECE ${c.ece.toFixed(3)} (15 bins)   NLL ${c.nll.toFixed(3)}   Brier ${c.brier.toFixed(3)}   mean confidence ${pct(c.meanConfidence)}% at accuracy ${pct(c.accuracy)}%`);
  }
  if (r.nonFiniteReplaced) out.push(`note: ${r.nonFiniteReplaced} non-finite feature values replaced by 0`);
  if (r.skipped.length) out.push(`note: ${r.skipped.length} unreadable file(s) left out: ${r.skipped.slice(0, 3).map((s) => `${s.corpus}/${s.path}`).join(', ')}${r.skipped.length > 3 ? ', ...' : ''}`);
  out.push('');
  const w = Math.max(9, ...r.classes.map((c) => c.length));
  out.push(`${'class'.padEnd(w)}  recall  precis      F1  support`);
  for (const c of r.classes) {
    out.push(`${c.padEnd(w)}  ${pct(r.perClassRecall[c]).padStart(6)}  ${pct(r.perClassPrecision[c]).padStart(6)}  ${pct(r.perClassF1[c]).padStart(6)}  ${String(r.support[c]).padStart(7)}`);
  }
  out.push('');
  out.push('confusion (rows: true, columns: predicted)');
  const abbr = r.classes.map((c) => c.slice(0, 5));
  out.push(`${''.padEnd(w)} ${abbr.map((a) => a.padStart(6)).join('')}`);
  r.confusion.forEach((row, i) => out.push(`${r.classes[i].padEnd(w)} ${row.map((n) => String(n).padStart(6)).join('')}`));
  if (Object.keys(r.perCorpus).length) {
    out.push('');
    for (const [name, c] of Object.entries(r.perCorpus)) out.push(`${name}: UAR ${pct(c.uar)}%  WA ${pct(c.wa)}%  (${c.rows} rows)`);
  }
  out.push('');
  out.push('folds: ' + r.folds.map((f) => `${f.name} ${pct(f.uar)}${f.choice ? ` (${f.choice})` : ''}`).join(' | '));
  out.push('speakers (accuracy): ' + Object.entries(r.perSpeakerAccuracy).map(([s, a]) => `${s} ${pct(a.accuracy)}`).join(' | '));
  return out.join('\n');
}
