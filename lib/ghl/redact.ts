import { createHash } from 'node:crypto';

const PIT_PATTERN = /\bpit-[A-Za-z0-9_-]+/gi;
const BEARER_PATTERN = /\b(Bearer)\s+(?!\[redacted)[^\s"',;}\]]+/gi;
// Three base64url segments, the first two starting with `eyJ` (`{"`), is what a JWT looks like.
const JWT_PATTERN = /\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

/** Secrets shorter than this are not replaced literally (they would mangle ordinary words). */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes credentials from free text (error messages, upstream bodies, log lines):
 * `pit-…` Private Integration Tokens, `Bearer …` values, JWT-looking strings and every
 * string in `secrets` (exact match). Safe to call on any text, including already-redacted text.
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
  return out
    .replace(BEARER_PATTERN, '$1 [redacted]')
    .replace(JWT_PATTERN, '[redacted-jwt]')
    .replace(PIT_PATTERN, 'pit-[redacted]');
}

/**
 * A short, stable, non-reversible name for a token (first 12 hex chars of its sha256),
 * for logs, limiter keys and per-token call logs.
 */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 12);
}
