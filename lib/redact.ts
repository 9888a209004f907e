import { createHash } from 'node:crypto';

const PIT_PATTERN = /\bpit-[A-Za-z0-9_-]+/gi;
const BEARER_PATTERN = /\b(Bearer|Basic)\s+(?!\[redacted)[^\s"',;}\]]+/gi;
// Three base64url segments, the first two starting with `eyJ` (`{"`), is what a JWT looks like.
const JWT_PATTERN = /\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
/** `token=…`, `"access_token": "…"`, `Authorization: …`, `api_key: …`: whatever follows is secret. */
const LABELLED_PATTERN =
  /\b((?:access[_-]?token|refresh[_-]?token|client[_-]?secret|api[_-]?key|token|authorization|secret|password)["']?\s*[:=]\s*["']?)(?!\[redacted)(?!(?:Bearer|Basic)\b)[^\s"',;}\]&]{8,}/gi;
/**
 * A long run of token characters holding letters and digits (an API key, a session token, a
 * base64 secret). UUIDs are left alone: GHL's trace ids are UUIDs, and shorter ids (locations,
 * contacts: 20 characters) stay readable.
 */
const TOKEN_SHAPED = /(?<![A-Za-z0-9_~+.=-])[A-Za-z0-9_~+.=-]{32,}(?![A-Za-z0-9_~+.=-])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Secrets shorter than this are not replaced literally (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 6;
/**
 * Any run of at least this many characters copied from a known secret is removed too: an
 * upstream answer that echoes most of a token (without its `pit-` prefix, say) gives it away.
 */
export const MIN_SECRET_FRAGMENT = 12;

/** Marks every stretch of `text` that is a fragment (≥ MIN_SECRET_FRAGMENT chars) of a secret. */
function fragmentRanges(text: string, secrets: readonly string[]): Array<[number, number]> {
  const windows = new Set<string>();
  for (const secret of secrets)
    for (let i = 0; i + MIN_SECRET_FRAGMENT <= secret.length; i++)
      windows.add(secret.slice(i, i + MIN_SECRET_FRAGMENT));
  const ranges: Array<[number, number]> = [];
  if (windows.size === 0) return ranges;
  for (let i = 0; i + MIN_SECRET_FRAGMENT <= text.length; i++) {
    if (!windows.has(text.slice(i, i + MIN_SECRET_FRAGMENT))) continue;
    const last = ranges.at(-1);
    if (last && i <= last[1]) last[1] = i + MIN_SECRET_FRAGMENT;
    else ranges.push([i, i + MIN_SECRET_FRAGMENT]);
  }
  return ranges;
}

/**
 * Removes credentials from free text (error messages, upstream bodies, log lines) before it is
 * stored or shown: every string in `secrets` and every stretch of 12 or more characters copied
 * from one of them; `pit-…` Private Integration Tokens; `Bearer …` values and labelled values
 * (`token=…`, `"access_token": "…"`, `Authorization: …`); JWT-looking strings; and any other
 * token-shaped run (32+ letters and digits, UUIDs excepted). Safe to call on any text, including
 * already-redacted text.
 */
export function redactSecrets(
  text: string,
  secrets: ReadonlyArray<string | null | undefined> = [],
): string {
  let out = text;
  // Literal secrets first, longest first, so a token that contains another is removed whole.
  const literal = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  for (const secret of literal) out = out.split(secret).join('[redacted]');
  const ranges = fragmentRanges(out, literal);
  for (const [start, end] of ranges.reverse())
    out = `${out.slice(0, start)}[redacted]${out.slice(end)}`;
  return out
    .replace(BEARER_PATTERN, '$1 [redacted]')
    .replace(JWT_PATTERN, '[redacted-jwt]')
    .replace(PIT_PATTERN, 'pit-[redacted]')
    .replace(LABELLED_PATTERN, '$1[redacted]')
    .replace(TOKEN_SHAPED, (run) =>
      UUID.test(run) || !/[0-9]/.test(run) || !/[A-Za-z]/.test(run) ? run : '[redacted]',
    );
}

/**
 * A short, stable, non-reversible name for a token (first 12 hex chars of its sha256),
 * for logs, limiter keys and per-token call logs.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 12);
}
