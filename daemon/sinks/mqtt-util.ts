// Small helpers for the MQTT sink that need no client.
import { EmotiondError } from '../core/errors.ts';

const SUPPORTED_PROTOCOLS = new Set(['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:']);

/**
 * Throws EmotiondError('BROKER') naming the (redacted) URL when no retry could ever make
 * it work, so a typo fails at start instead of as an endless reconnect loop.
 */
export function checkBrokerUrl(url: string): void {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not a URL at all: reported below
  }
  if (!SUPPORTED_PROTOCOLS.has(protocol)) {
    const hint = url === 'embedded' ? ' (start the embedded broker and pass its url)' : '';
    throw new EmotiondError(
      'BROKER',
      `MQTT URL ${JSON.stringify(redactUrl(url))} is not usable: expected mqtt://, mqtts://, ws:// or wss://${hint}`,
    );
  }
}

/** The URL with its password masked, safe for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * True if `p` fulfils within `ms`, false if it rejects or takes longer. The rejection is
 * consumed here, so a late failure cannot surface as an unhandled rejection.
 */
export function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}
