// Builds the speech detector a `vad` config section asks for. Silero is the default; when
// its model cannot be loaded the energy detector takes over, and the reason is reported,
// so a daemon with a broken VAD model still hears speech.
import { errorMessage } from '../core/errors.ts';
import { EnergyScorer } from './energy-scorer.ts';
import type { FrameScorer, VadEngine } from './frame-scorer.ts';
import { SileroScorer } from './silero-scorer.ts';
import { SpeechDetector } from './speech-detector.ts';

/** The `vad` section of the config (snake_case, as written by users). */
export interface VadSettings {
  engine: VadEngine;
  /** Silero speech probability that opens speech, and the one below which it ends. */
  threshold: number;
  neg_threshold: number;
  /** Silero runs only on frames louder than this (dBFS). */
  gate_dbfs: number;
  /** Silero model file; absent = the one shipped in @ricky0123/vad-web. */
  model_path?: string;
  /** Energy engine: dB above the noise floor, and absolute floor in dBFS. */
  threshold_db: number;
  min_level_dbfs: number;
  min_speech_s: number;
  max_speech_s: number;
  hangover_s: number;
  padding_s: number;
  window_s: number;
  hop_s: number;
}

export interface CreatedDetector {
  detector: SpeechDetector;
  /** Why the configured engine was replaced by the energy one; undefined when it was not. */
  fallbackReason?: string;
}

export function detectorFor(scorer: FrameScorer, v: VadSettings): SpeechDetector {
  // The energy scorer says 0 or 1: any threshold in between reads it the same way.
  const silero = scorer.engine === 'silero';
  return new SpeechDetector(scorer, {
    threshold: silero ? v.threshold : 0.5,
    negThreshold: silero ? Math.min(v.neg_threshold, v.threshold) : 0.5,
    minSpeechS: v.min_speech_s,
    maxSpeechS: v.max_speech_s,
    hangoverS: v.hangover_s,
    paddingS: v.padding_s,
    windowS: v.window_s,
    hopS: v.hop_s,
  });
}

/** `resolve` turns a configured relative model path into a file path. */
export async function createDetector(v: VadSettings, resolve: (p: string) => string = (p) => p): Promise<CreatedDetector> {
  if (v.engine === 'energy') return { detector: detectorFor(new EnergyScorer(v), v) };
  try {
    const scorer = await SileroScorer.load({ modelPath: v.model_path && resolve(v.model_path), gateDbfs: v.gate_dbfs });
    return { detector: detectorFor(scorer, v) };
  } catch (err) {
    return { detector: detectorFor(new EnergyScorer(v), v), fallbackReason: errorMessage(err) };
  }
}
