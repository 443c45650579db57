// The daemon's opt-in unsupervised adaptation (`model.adapt: running`): every feature
// vector is mapped with the running statistics of the utterances this device has heard
// (running-normaliser.ts) before the model sees it, and every final utterance adds to those
// statistics. They are kept in `state_dir/adaptation.json` (feature means and variances,
// nothing from which speech could be rebuilt), reloaded at start for the same model, and
// cleared by the `set` command `{"adaptation": "reset"}`. Windows over long speech and
// speculative classifications are mapped but never learnt from: one utterance, one update.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { FeatureVector, ModelMeta } from '../core/types.ts';
import { RunningNormaliser, standardTarget, type RunningNormaliserState } from './running-normaliser.ts';

export const ADAPTATION_FILE = 'adaptation.json';

interface SavedAdaptation {
  /** Which model (name and feature names) the statistics belong to. */
  model: string;
  state: RunningNormaliserState;
}

export class DeviceAdaptation {
  private norm: RunningNormaliser | null = null;
  private key = '';
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(private readonly dir: string, private readonly onError: (err: Error) => void) {}

  get file(): string {
    return join(this.dir, ADAPTATION_FILE);
  }

  /** Utterances learnt from (capped at the window), or 0 when not bound. */
  get seen(): number {
    return this.norm?.seen ?? 0;
  }

  /**
   * Binds to a model (at start and after a reload); restores the saved statistics if they
   * belong to the same model, else starts from the model's training statistics.
   */
  async bind(meta: ModelMeta): Promise<void> {
    const stats = meta.featureStatistics;
    if (!stats) throw new EmotiondError('MODEL_INVALID', `model ${meta.name} carries no featureStatistics: model.adapt 'running' needs a model trained by this version (npm run train)`);
    const key = createHash('sha256').update(`${meta.name}\n${meta.featureNames.join('\n')}`).digest('hex').slice(0, 16);
    if (this.norm && key === this.key) return;
    // A model trained on corpora each standardised on its own reads the heard speech
    // standardised on its own statistics; any other model, mapped onto its training rows'.
    const norm = new RunningNormaliser(stats.mean, stats.std, meta.featureNormalisation === 'device' ? { target: standardTarget(stats.mean.length) } : {});
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as SavedAdaptation;
      if (saved.model === key) norm.restore(saved.state);
    } catch (err) {
      // Absent: a first start. Unreadable or for another model: start afresh, and say so.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.onError(new Error(`${this.file}: saved adaptation not used: ${errorMessage(err)}`));
    }
    this.norm = norm;
    this.key = key;
  }

  /** The vector as the model should see it (unchanged until bound). */
  map(features: FeatureVector): FeatureVector {
    return this.norm ? { names: features.names, values: this.norm.transform(features.values) } : features;
  }

  /** Adds one final utterance's features (raw, as extracted) and saves soon after. */
  learn(features: FeatureVector): void {
    if (!this.norm) return;
    this.norm.update(features.values);
    this.save();
  }

  async reset(): Promise<void> {
    this.norm?.reset();
    this.save();
    await this.saving;
  }

  /** Waits for the last save. */
  async flush(): Promise<void> {
    await this.saving;
  }

  /** One write at a time; a burst of utterances ends in one write of the latest state. */
  private save(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.saving = this.saving.then(async () => {
      this.dirty = false;
      if (!this.norm) return;
      const body: SavedAdaptation = { model: this.key, state: this.norm.state() };
      try {
        await mkdir(this.dir, { recursive: true, mode: 0o700 });
        const tmp = `${this.file}.tmp`;
        await writeFile(tmp, JSON.stringify(body) + '\n', { mode: 0o600 });
        await rename(tmp, this.file);
      } catch (err) {
        this.onError(new Error(`cannot save the adaptation state in ${this.dir}: ${errorMessage(err)}`));
      }
    });
  }
}
