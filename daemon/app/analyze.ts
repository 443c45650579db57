// `emotiond analyze`: the batch path over files, through the same stages as the daemon
// (decode -> vad -> features -> model), so what it prints is what the daemon would publish.
import type { Classifier, Prediction } from '../core/types.ts';
import type { AsyncFeatureExtractor } from '../features/webgpu/async-extractor.ts';
import type { Config } from '../config/schema.ts';
import { decodeAudioFile } from '../audio/decode.ts';
import { createDetector } from '../vad/create-detector.ts';
import { segmentSpeech } from '../vad/speech-detector.ts';
import { resolvePath } from './resolve-path.ts';
import type { InputLimits } from '../audio/input-limits.ts';

export interface AnalyzeResult extends Prediction {
  file: string;
  /** Absent with `whole`: the result covers the whole file. */
  start_s?: number;
  end_s?: number;
}

/**
 * The results for one file: one per speech segment, or one for the whole file with `whole`;
 * none when the VAD finds no speech in it (silence, noise, a few samples), `whole` included:
 * a model asked about silence still names an emotion, with confidence, which means nothing.
 */
export async function analyzeFile(
  file: string,
  stages: { extractor: AsyncFeatureExtractor; classifier: Classifier },
  opts: { whole: boolean; vad: Config['vad']; onWarning?: (message: string) => void; limits?: InputLimits },
): Promise<AnalyzeResult[]> {
  const audio = await decodeAudioFile(file, opts.limits);
  // Damaged audio (a data chunk longer than the file, partial frames, NaN replaced by 0) is
  // still analysed, but the user is told, naming the file.
  for (const w of audio.warnings ?? []) (opts.onWarning ?? warn)(`warning: ${w}`);
  const { detector, fallbackReason } = await createDetector(opts.vad, resolvePath);
  if (fallbackReason) (opts.onWarning ?? warn)(`Silero VAD unavailable, using the energy VAD: ${fallbackReason}`);
  let segments;
  try {
    // Whole segments only: the sliding windows over long speech are for live updates.
    segments = (await segmentSpeech(audio.samples, detector)).filter((s) => !s.partial);
  } finally {
    await detector.scorer.dispose();
  }
  if (segments.length === 0) return [];
  if (opts.whole) {
    const prediction = await stages.classifier.predict(await stages.extractor.extract(audio.samples));
    return [{ file, ...prediction }];
  }
  const predictions = await stages.classifier.predictBatch(await stages.extractor.extractBatch(segments.map((s) => s.samples)));
  return segments.map((s, i) => ({
    file,
    start_s: Number(s.startS.toFixed(3)),
    end_s: Number(s.endS.toFixed(3)),
    ...predictions[i],
  }));
}

const warn = (message: string) => void process.stderr.write(`emotiond: ${message}\n`);

const r4 = (x: number) => Number(x.toFixed(4));

/** The documented answer for a file without speech: `{"file": ..., "emotion": null, "no_speech": true}`. */
export function noSpeechJsonLine(file: string): string {
  return JSON.stringify({ file, emotion: null, no_speech: true });
}

/** One JSON line with the documented field order. */
export function toJsonLine(r: AnalyzeResult): string {
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.scores)) scores[k] = r4(v);
  const out: Record<string, unknown> = { file: r.file };
  if (r.start_s !== undefined) Object.assign(out, { start_s: r.start_s, end_s: r.end_s });
  Object.assign(out, { emotion: r.emotion, confidence: r4(r.confidence), scores, arousal: r4(r.arousal), valence: r4(r.valence) });
  return JSON.stringify(out);
}

/** A readable table: one row per result, the top three classes spelled out. */
export function toTable(results: AnalyzeResult[]): string {
  const rows = results.map((r) => [
    r.file,
    r.start_s === undefined ? 'whole' : `${r.start_s.toFixed(2)}-${r.end_s!.toFixed(2)}`,
    r.emotion,
    `${(r.confidence * 100).toFixed(1)}%`,
    r.arousal.toFixed(2),
    r.valence.toFixed(2),
    Object.entries(r.scores)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`)
      .join(', '),
  ]);
  const head = ['file', 'span (s)', 'emotion', 'conf', 'arousal', 'valence', 'top classes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
