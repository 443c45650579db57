// One redaction for everything the daemon and its commands write (log lines, `config check`,
// error messages): the password part of any URL (`scheme://user:PASSWORD@host`), and the
// values of the secrets the config holds, wherever they appear (a YAML error that quotes a
// line, a broker's message). Secrets are registered once the config is read.

const MASK = '***';
/** Shorter secrets are masked only inside URLs: masking one or two characters in free text would garble every line. */
const MIN_FREE_TEXT = 3;
const secrets = new Set<string>();

/** Remembers `value` as a secret to mask from now on (empty values are ignored). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_FREE_TEXT) secrets.add(value);
}

/** The password of a URL, if it has one (percent-decoded, as it would be sent). */
export function urlPassword(url: string): string | undefined {
  try {
    const pw = new URL(url).password;
    return pw ? decodeURIComponent(pw) : undefined;
  } catch {
    return undefined;
  }
}

// scheme://user:password@  (the user part may be empty; the password runs to the last '@' before a path)
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s/"'<>]*@/gi;

/** `text` with URL passwords and registered secrets (also in their JSON-escaped form) masked. */
export function redact(text: string): string {
  let out = text.replace(URL_USERINFO, `$1${MASK}@`);
  for (const s of secrets) {
    out = out.split(s).join(MASK);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.split(escaped).join(MASK);
    const encoded = encodeURIComponent(s);
    if (encoded !== s) out = out.split(encoded).join(MASK);
  }
  return out;
}
