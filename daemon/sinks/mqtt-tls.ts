// TLS material for the MQTT connection, read from the files the config names. Read at
// connect time, not at config load, so a renewed certificate is picked up on reload.
import { readFileSync } from 'node:fs';
import { EmotiondError, errorMessage } from '../core/errors.ts';

export interface TlsFiles {
  /** CA bundle (PEM) that signs the broker's certificate; absent = the system's CAs. */
  ca?: string;
  /** Client certificate and key (PEM) for brokers that require one. */
  cert?: string;
  key?: string;
  /** Check the broker's certificate and name (default true); false only for testing. */
  reject_unauthorized?: boolean;
  /** Name expected in the broker's certificate, when it differs from the URL's host. */
  servername?: string;
}

export interface TlsOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
  servername?: string;
}

function read(path: string, key: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new EmotiondError('CONFIG_INVALID', `mqtt.tls.${key}: cannot read ${path}: ${errorMessage(err)}`, { cause: err });
  }
}

export function loadTls(files: TlsFiles | undefined): TlsOptions | undefined {
  if (!files) return undefined;
  if (!!files.cert !== !!files.key) {
    throw new EmotiondError('CONFIG_INVALID', 'mqtt.tls: cert and key go together (a client certificate needs its key)');
  }
  return {
    ca: files.ca ? read(files.ca, 'ca') : undefined,
    cert: files.cert ? read(files.cert, 'cert') : undefined,
    key: files.key ? read(files.key, 'key') : undefined,
    rejectUnauthorized: files.reject_unauthorized ?? true,
    servername: files.servername,
  };
}
