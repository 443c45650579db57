// Turns a classified segment into the event published on the wire.
import { randomUUID } from 'node:crypto';
import type { EmotionEvent, Prediction, SpeechSegment } from '../core/types.ts';

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

export function buildEvent(
  deviceId: string,
  modelName: string,
  segment: Pick<SpeechSegment, 'startS' | 'endS' | 'partial'>,
  prediction: Prediction,
  now: Date = new Date(),
  utteranceId: string = randomUUID(),
): EmotionEvent {
  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(prediction.scores)) scores[k] = round(v);
  return {
    event_id: randomUUID(),
    utterance_id: utteranceId,
    kind: segment.partial ? 'window' : 'segment',
    final: !segment.partial,
    event_type: prediction.emotion,
    device_id: deviceId,
    timestamp: now.toISOString(),
    start_s: round(segment.startS, 3),
    end_s: round(segment.endS, 3),
    duration_s: round(segment.endS - segment.startS, 3),
    emotion: prediction.emotion,
    confidence: round(prediction.confidence),
    scores,
    arousal: round(prediction.arousal),
    valence: round(prediction.valence),
    model: modelName,
  };
}
