// The daemon's feature path (segment-streams.ts): segments fed to the extractor's stream as
// the VAD hands their samples over give, at a provisional segment and at its close, exactly
// the features extract() gives for the segment's samples, and the events' predictions equal
// what `emotiond analyze` prints for the same recording (same segments, same numbers); on the
// shipped model's set, plus EmoDB recordings where ../shared/datasets is present.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EMODB_WAV } from '../../../bench/opensmile-csv.ts';
import { analyzeFile } from '../../../daemon/app/analyze.ts';
import { FileDetector } from '../../../daemon/app/file-detector.ts';
import { loadModelStages, type ModelStages } from '../../../daemon/app/model-stages.ts';
import { SegmentStreams } from '../../../daemon/app/segment-streams.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import type { FeatureVector, Prediction } from '../../../daemon/core/types.ts';
import type { AsyncFeatureExtractor } from '../../../daemon/features/webgpu/async-extractor.ts';
import { createDetector, type VadSettings } from '../../../daemon/vad/create-detector.ts';
import type { VadSegment } from '../../../daemon/vad/segmenter.ts';
import { speechLike } from '../features/speech-like.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SR = 16000;
const VAD: VadSettings = {
  engine: 'energy', threshold: 0.5, neg_threshold: 0.35, gate_dbfs: -65,
  threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.4, max_speech_s: 3, hangover_s: 0.3, padding_s: 0.1,
  window_s: 2, hop_s: 1,
};
const emodb = existsSync(EMODB_WAV);
if (!emodb) console.log('    skipped: ../shared/datasets/emodb is absent (the EmoDB part of the recording)');

/** Float32 mono WAV: what analyze decodes is then exactly these samples. */
function writeWavF32(path: string, x: Float32Array): void {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + 4 * x.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(3, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(SR, 24);
  h.writeUInt32LE(4 * SR, 28);
  h.writeUInt16LE(4, 32);
  h.writeUInt16LE(32, 34);
  h.write('data', 36);
  h.writeUInt32LE(4 * x.length, 40);
  writeFileSync(path, Buffer.concat([h, Buffer.from(x.buffer, x.byteOffset, x.byteLength)]));
}

async function recording(): Promise<Float32Array> {
  const gap = (s: number) => new Float32Array(Math.round(s * SR));
  const parts = [gap(0.5), speechLike(1.2, 150, 31), gap(0.6), speechLike(0.8, 220, 32), gap(0.15), speechLike(0.7, 120, 33),
    gap(0.8), speechLike(4.5, 180, 34), gap(0.7)];
  if (emodb) {
    for (const f of readdirSync(EMODB_WAV).filter((n) => n.endsWith('.wav')).sort().filter((_, i) => i % 107 === 0)) {
      parts.push((await decodeAudioFile(EMODB_WAV + f)).samples, gap(0.7));
    }
  }
  const x = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) x.set(p, (at += p.length) - p.length);
  return x;
}

function assertSame(got: FeatureVector, want: FeatureVector, label: string): void {
  for (let i = 0; i < want.values.length; i++) {
    if (!Object.is(got.values[i], want.values[i])) assert.unreachable(`${label}: ${want.names[i]} ${got.values[i]} vs ${want.values[i]}`);
  }
}

test('daemon path: streamed features equal extract() and analyze, for provisional and closed segments', async () => {
  const stages: ModelStages = await loadModelStages(
    { model: { path: join(ROOT, 'models/emotion.onnx') } } as Parameters<typeof loadModelStages>[0],
    { backend: 'wasm', ep: 'wasm' }, undefined, { streams: true },
  );
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-streams-'));
  try {
    assert.ok(stages.extractor.stream, 'the WASM extractor streams');
    const x = await recording();
    const { detector } = await createDetector(VAD);
    const streams = new SegmentStreams(() => stages.extractor);
    detector.audio = streams;
    detector.speculate = true;
    const closed: { seg: VadSegment; features: FeatureVector }[] = [];
    let provisional = 0, windows = 0;
    const handle = async (segs: VadSegment[]) => {
      for (const seg of segs) {
        if (seg.partial) {
          windows++;
          continue;
        }
        const want = await stages.extractor.extract(seg.samples);
        const got = seg.provisional ? streams.snapshot(seg) : streams.take(seg);
        assert.ok(got, `${seg.provisional ? 'provisional' : 'closed'} segment at ${seg.startS}: streamed features`);
        assertSame(got.features, want, `segment at ${seg.startS}`);
        if (seg.provisional) provisional++;
        else closed.push({ seg, features: got.features });
      }
    };
    // Capture's chunks: one Silero frame (512 samples) at a time.
    for (let at = 0; at < x.length; at += 512) await handle(await detector.push({ samples: x.subarray(at, at + 512), startS: at / SR }));
    await handle(detector.flush());
    assert.ok(closed.length >= 4 + (emodb ? 4 : 0), `${closed.length} closed segments`);
    assert.ok(provisional >= 3, `${provisional} provisional`);
    assert.ok(windows >= 1, 'the long utterance gives windows (extracted from their samples)');

    // analyze on the same recording: the same segments, and the daemon's predictions.
    const file = join(dir, 'recording.wav');
    writeWavF32(file, x);
    const fileDetector = await FileDetector.create(VAD, (m) => assert.unreachable(m));
    const printed = await analyzeFile(file, { ...stages, detector: fileDetector }, { whole: false });
    await fileDetector.dispose();
    assert.is(printed.length, closed.length);
    console.log(`    ${closed.length} segments, ${provisional} provisional, ${windows} windows, ${(x.length / SR).toFixed(1)} s`);
    for (const [i, r] of printed.entries()) {
      const { seg, features } = closed[i];
      assert.is(r.start_s, Number(seg.startS.toFixed(3)));
      assert.is(r.end_s, Number(seg.endS.toFixed(3)));
      const daemon: Prediction = await stages.classifier.predict(features);
      assert.equal({ ...r, file: undefined, start_s: undefined, end_s: undefined }, { ...daemon, file: undefined, start_s: undefined, end_s: undefined }, `segment ${i}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stages.classifier.dispose();
    await stages.extractor.dispose();
  }
});

test('a reload between segments: features from the old extractor are not used', async () => {
  const make = () => loadModelStages({ model: { path: join(ROOT, 'models/emotion.onnx') } } as Parameters<typeof loadModelStages>[0], { backend: 'wasm', ep: 'wasm' }, undefined, { streams: true });
  const a = await make(), b = await make();
  let current = a;
  const streams = new SegmentStreams(() => current.extractor);
  const x = speechLike(1, 150, 35);
  const seg = { samples: x, startS: 2, endS: 2 + x.length / SR, closedAtMs: 0 };
  streams.open(2);
  streams.samples(x);
  streams.close(true);
  current = b;
  assert.is(streams.take(seg), undefined, 'made by the previous extractor');
  streams.open(5);
  streams.samples(x);
  streams.close(true);
  const got = streams.take({ ...seg, startS: 5 });
  assert.ok(got && got.owner === b.extractor, 'the next segment streams on the new extractor');
  assert.is(streams.take({ ...seg, startS: 5 }), undefined, 'taken once');
  for (const s of [a, b]) {
    await s.classifier.dispose();
    await s.extractor.dispose();
  }
});

test('a stream that throws is reported, never seen by the VAD, and replaced at the next segment', async () => {
  let pushes = 0, made = 0;
  const names = ['a'];
  const extractor = {
    names, backend: 'wasm', description: 'fake',
    extract: async () => ({ names, values: new Float32Array(1) }),
    extractBatch: async () => [],
    dispose: async () => undefined,
    stream: () => {
      made++;
      let n = 0;
      return {
        names,
        get samples() {
          return n;
        },
        push(x: Float32Array) {
          if (++pushes === 2) throw new Error('kernel fault');
          n += x.length;
        },
        snapshot: () => {
          if (made === 2) throw new Error('snapshot fault');
          return { names, values: new Float32Array([n]) };
        },
        end: () => ({ names, values: new Float32Array([n]) }),
        reset: () => void (n = 0),
        stateBytes: () => ({ backend: 0, columns: 0 }),
      };
    },
  } as AsyncFeatureExtractor;
  const errors: unknown[] = [];
  const streams = new SegmentStreams(() => extractor, (e) => errors.push(e));
  const x = new Float32Array(512);
  const seg = (startS: number, k: number) => ({ samples: new Float32Array(512 * k), startS, endS: startS + 1, closedAtMs: 0 });
  streams.open(1);
  streams.samples(x);
  streams.samples(x);
  streams.samples(x);
  streams.close(true);
  assert.is(errors.length, 1);
  assert.is(streams.take(seg(1, 3)), undefined, 'the broken segment takes the per-segment path');
  streams.open(2);
  streams.samples(x);
  streams.close(true);
  assert.is(made, 2, 'a fresh stream');
  assert.equal([...streams.take(seg(2, 1))!.features.values], [512]);
  // A snapshot that throws: reported, undefined (the per-segment path), the stream dropped.
  streams.open(3);
  streams.samples(x);
  assert.is(streams.snapshot(seg(3, 1)), undefined);
  assert.is(errors.length, 2);
  streams.close(true);
  assert.is(streams.take(seg(3, 1)), undefined, 'nothing kept of the dropped stream');
  streams.open(4);
  assert.is(made, 3, 'a fresh stream after the failed snapshot');
});

test.run();
