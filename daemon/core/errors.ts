// Errors with a stable `code`, so callers and tests match on the kind of failure,
// and a message that names what is wrong and where.

export type ErrorCode =
  | 'AUDIO_FORMAT'
  | 'AUDIO_IO'
  | 'CONFIG_INVALID'
  | 'MODEL_INVALID'
  | 'FEATURES'
  | 'DEVICE'
  | 'BROKER'
  | 'USAGE'
  /** A corpus folder or its labels.csv is missing or malformed. */
  | 'DATASET'
  /** The state directory or a file in it (the outbox) cannot be read or written. */
  | 'STATE'
  /** A command received on the set topic is malformed or unknown. */
  | 'COMMAND';

export class EmotiondError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmotiondError';
    this.code = code;
  }
}

/** The message of anything thrown, for logs. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
