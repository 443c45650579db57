// A plausible EmotionEvent for sink tests; `seq` makes ids and times distinct and ordered.
import type { EmotionEvent } from '../../daemon/core/types.ts';

export function makeEvent(deviceId: string, seq: number): EmotionEvent {
  const start = seq * 2;
  return {
    event_id: `${deviceId}-${String(seq).padStart(4, '0')}`,
    utterance_id: `${deviceId}-u${String(seq).padStart(4, '0')}`,
    kind: 'segment',
    final: true,
    event_type: 'happy',
    device_id: deviceId,
    timestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
    start_s: start,
    end_s: start + 1.5,
    duration_s: 1.5,
    emotion: 'happy',
    confidence: 0.8,
    scores: { happy: 0.8, neutral: 0.15, sad: 0.05 },
    arousal: 0.4,
    valence: 0.6,
    model: 'test-model',
  };
}
