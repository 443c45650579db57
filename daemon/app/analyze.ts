// `emotiond analyze`: the batch path over files, through the same stages as the daemon
// (decode -> vad -> features -> model), so what it prints is what the daemon would publish.
import type { Classifier, FeatureVector, Prediction } from '../core/types.ts';
import type { AsyncFeatureExtractor } from '../features/webgpu/async-extractor.ts';
import { decodeAudioFile } from '../audio/decode.ts';
import type { FileDetector } from './file-detector.ts';
import type { InputLimits } from '../audio/input-limits.ts';

export interface AnalyzeResult extends Prediction {
  file: string;
  /** Absent with `whole`: the result covers the whole file. */
  start_s?: number;
  end_s?: number;
}

/**
 * A file's features: of the whole file, or of each speech segment with its span; no segment
 * when the VAD finds no speech in it (silence, noise, a few samples), `whole` included: a model
 * asked about silence still names an emotion, with confidence, which means nothing. The part
 * of analyze that batch workers run (daemon/batch/); classifyFile turns it into results.
 * `warnings`: damage that decoding repaired (a data chunk longer than the file, partial frames,
 * NaN replaced by 0), each naming the file; the caller reports them, in the files' order.
 */
export type FileFeatures = (
  | { whole: FeatureVector }
  | { segments: { startS: number; endS: number }[]; vectors: FeatureVector[] }
) & { warnings?: string[] };

export async function fileFeatures(
  file: string,
  stages: { extractor: AsyncFeatureExtractor; detector: FileDetector },
  opts: { whole: boolean; limits?: InputLimits },
): Promise<FileFeatures> {
  const { extractor } = stages;
  // The input limits apply here, where the file is read: in one thread and in every worker.
  const audio = await decodeAudioFile(file, opts.limits);
  const warnings = audio.warnings?.length ? { warnings: [...audio.warnings] } : {};
  if (opts.whole) {
    // Only whether there is speech matters here: the detector stops at the first words.
    if (!(await stages.detector.hasSpeech(audio.samples))) return { segments: [], vectors: [], ...warnings };
    return { whole: await extractor.extract(audio.samples), ...warnings };
  }
  const segments = await stages.detector.segments(audio.samples);
  if (segments.length === 0) return { segments: [], vectors: [], ...warnings };
  const vectors = await extractor.extractBatch(segments.map((s) => s.samples));
  return { segments: segments.map((s) => ({ startS: s.startS, endS: s.endS })), vectors, ...warnings };
}

/** The results of a file from its features: one per file, or one per segment; none without speech. */
export async function classifyFile(file: string, f: FileFeatures, classifier: Classifier): Promise<AnalyzeResult[]> {
  if ('whole' in f) return [{ file, ...(await classifier.predict(f.whole)) }];
  if (f.segments.length === 0) return [];
  const predictions = await classifier.predictBatch(f.vectors);
  return f.segments.map((s, i) => ({
    file,
    start_s: Number(s.startS.toFixed(3)),
    end_s: Number(s.endS.toFixed(3)),
    ...predictions[i],
  }));
}

/**
 * The results for one file in this thread: one per speech segment, or one for the whole file
 * with `whole`; none without speech. Damaged audio is still analysed, but the user is told
 * (`onWarning`, default stderr), naming the file.
 */
export async function analyzeFile(
  file: string,
  stages: { extractor: AsyncFeatureExtractor; classifier: Classifier; detector: FileDetector },
  opts: { whole: boolean; onWarning?: (message: string) => void; limits?: InputLimits },
): Promise<AnalyzeResult[]> {
  const f = await fileFeatures(file, stages, opts);
  reportDamage(f, opts.onWarning);
  return classifyFile(file, f, stages.classifier);
}

/** A file's damaged-audio warnings, as `warning: FILE: ...` lines (default: `emotiond: ` on stderr). */
export function reportDamage(f: { warnings?: string[] }, onWarning: (message: string) => void = warn): void {
  for (const w of f.warnings ?? []) onWarning(`warning: ${w}`);
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
