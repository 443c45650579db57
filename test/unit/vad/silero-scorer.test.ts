// Silero VAD v5 for real: the model file from @ricky0123/vad-web run by onnxruntime-web,
// on speech made by espeak-ng and on noise that fools an energy detector.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import { SileroScorer, bundledSileroPath } from '../../../daemon/vad/silero-scorer.ts';
import { EnergyScorer } from '../../../daemon/vad/energy-scorer.ts';
import { createDetector, detectorFor, type VadSettings } from '../../../daemon/vad/create-detector.ts';
import { segmentSpeech } from '../../../daemon/vad/speech-detector.ts';
import type { SpeechSegment } from '../../../daemon/core/types.ts';
import { hasEspeak, speakSentences } from '../../fixtures/speech.ts';
import { SILERO_BATCH, SR, rng } from './vad-signal.ts';

const VAD: VadSettings = SILERO_BATCH;
const withEspeak = hasEspeak() ? test : test.skip;
if (!hasEspeak()) console.log('  SKIPPED: espeak-ng is not installed (speech tests)');

/** The sentences back to back with `gapS` of silence between them, and where each one lies. */
async function sentences(gapS: number): Promise<{ x: Float32Array; spans: [number, number][] }> {
  const { files } = speakSentences();
  const parts = await Promise.all(files.map(async (f) => (await decodeAudioFile(f)).samples));
  const gap = Math.round(gapS * SR);
  const x = new Float32Array(parts.reduce((n, p) => n + p.length + gap, gap));
  const spans: [number, number][] = [];
  let at = gap;
  for (const p of parts) {
    x.set(p, at);
    spans.push([at / SR, (at + p.length) / SR]);
    at += p.length + gap;
  }
  return { x, spans };
}

test('the bundled model loads and is Silero v5', async () => {
  assert.ok(existsSync(bundledSileroPath()), bundledSileroPath());
  const s = await SileroScorer.load();
  assert.is(s.frameSamples, 512);
  await s.dispose();
});

withEspeak('each spoken sentence is one segment inside its span; streamed equals batch', async () => {
  const { x, spans } = await sentences(1);
  const scorer = await SileroScorer.load({ gateDbfs: VAD.gate_dbfs });
  const segs = (await segmentSpeech(x, detectorFor(scorer, VAD))).filter((s) => !s.partial);
  assert.is(segs.length, spans.length, segs.map((s) => `${s.startS.toFixed(2)}-${s.endS.toFixed(2)}`).join(' '));
  segs.forEach((s, i) => {
    assert.ok(s.startS >= spans[i][0] - 0.2 && s.endS <= spans[i][1] + 0.5, `segment ${i} ${s.startS}-${s.endS} in ${spans[i]}`);
    assert.ok(s.endS - s.startS > 1, 'a sentence lasts more than a second');
  });
  const streamed: SpeechSegment[] = [];
  const d = detectorFor(scorer, VAD);
  scorer.reset();
  for (let i = 0; i < x.length; i += 320) streamed.push(...(await d.push({ samples: x.subarray(i, i + 320), startS: i / SR })));
  streamed.push(...d.flush());
  assert.equal(
    streamed.map((s) => [s.startS, s.endS]),
    segs.map((s) => [s.startS, s.endS]),
  );
  await scorer.dispose();
});

test('digital silence costs no inference (the gate), and finds nothing', async () => {
  const scorer = await SileroScorer.load({ gateDbfs: -65 });
  const before = scorer.inferences;
  const segs = await segmentSpeech(new Float32Array(5 * SR), detectorFor(scorer, VAD));
  assert.is(segs.length, 0);
  assert.is(scorer.inferences, before);
  await scorer.dispose();
});

test('a burst of steady noise fools the energy detector but not Silero', async () => {
  const r = rng(3);
  const x = new Float32Array(4 * SR);
  for (let i = 0; i < x.length; i++) x[i] = (i >= SR && i < 3 * SR ? 0.1 : 0.001) * r();
  const energy = await segmentSpeech(x, detectorFor(new EnergyScorer(VAD), { ...VAD, engine: 'energy' }));
  assert.is(energy.length, 1, 'the energy detector takes the noise for speech');
  const scorer = await SileroScorer.load({ gateDbfs: VAD.gate_dbfs });
  assert.is((await segmentSpeech(x, detectorFor(scorer, VAD))).length, 0, 'Silero does not');
  await scorer.dispose();
});

test('a missing or broken model: MODEL_INVALID naming the file; createDetector falls back to energy', async () => {
  const err = await SileroScorer.load({ modelPath: '/nonexistent/vad.onnx' }).then(() => null, (e: unknown) => e as { code: string; message: string });
  assert.is(err?.code, 'MODEL_INVALID');
  assert.match(err?.message ?? '', '/nonexistent/vad.onnx');
  const made = await createDetector({ ...VAD, model_path: '/nonexistent/vad.onnx' });
  assert.is(made.detector.scorer.engine, 'energy');
  assert.match(made.fallbackReason ?? '', '/nonexistent/vad.onnx');
  const energy = await createDetector({ ...VAD, engine: 'energy' });
  assert.is(energy.fallbackReason, undefined);
  assert.is(energy.detector.scorer.engine, 'energy');
});

test.run();
