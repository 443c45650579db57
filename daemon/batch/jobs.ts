// `--jobs N`: how many worker threads batch commands (analyze, features, the feature
// extraction of train and eval) spread their files over. Default: the cores Node may use.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { EmotiondError } from '../core/errors.ts';

/** The flag's value: a whole number >= 1, else a USAGE error naming what was given. */
export function parseJobs(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new EmotiondError('USAGE', `--jobs ${JSON.stringify(value)}: expected a whole number of worker threads, 1 or more`);
  }
  return n;
}

export const defaultJobs = (): number => availableParallelism();

/** Adds --jobs to a command; its value is a number, or absent (then defaultJobs()). */
export function addJobsOption(cmd: Command): Command {
  return cmd.option('--jobs <n>', `worker threads for the files (default: available parallelism, ${defaultJobs()} here)`, parseJobs);
}

// train and eval reach feature extraction through the training code, which another module
// owns; the flag is handed over here (set by the command before its action runs) rather
// than threaded through every training call.
let trainingJobs: number | undefined;
export const setTrainingJobs = (n: number | undefined): void => void (trainingJobs = n);
export const trainingJobsOrDefault = (): number => trainingJobs ?? defaultJobs();
