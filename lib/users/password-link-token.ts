import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

/** How long a set-password link works. */
export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** A fresh link token (256 random bits, URL-safe) and the hash that is all the database keeps. */
export function newPasswordLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashPasswordLinkToken(token) };
}

/** SHA-256 of a link token: a random 256-bit token needs no salt or slow hash. */
export function hashPasswordLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The path a link opens; the token rides in the fragment, so no server or proxy log sees it. */
export function passwordLinkPath(token: string): string {
  return `/set-password#token=${token}`;
}
