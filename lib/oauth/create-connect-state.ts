import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { buildAuthorizeUrl } from '@/lib/ghl/oauth/build-authorize-url';
import type { OAuthClientSettings } from '@/lib/ghl/oauth/oauth-client-settings';

/** How long an admin has between "Connect" and GHL's redirect back. */
export const STATE_TTL_MS = 10 * 60_000;

/** The SHA-256 of a state value: only this is stored. */
export function hashState(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/**
 * Starts "Connect GoHighLevel" for an admin: a random `state` (256 bits) whose hash is stored,
 * bound to the admin, for ten minutes; and the authorize URL that carries it. The caller also
 * puts the state in an httpOnly cookie, so the callback proves the same browser came back
 * (lib/oauth/complete-connect.ts). Old states of the admin are dropped.
 */
export async function createConnectState(
  db: Db,
  userId: string,
  settings: OAuthClientSettings,
  now: Date = new Date(),
): Promise<{ state: string; authorizeUrl: string; expiresAt: Date }> {
  const state = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  await db.$transaction([
    db.oAuthState.deleteMany({
      where: { OR: [{ userId }, { expiresAt: { lt: now } }] },
    }),
    db.oAuthState.create({ data: { stateHash: hashState(state), userId, expiresAt } }),
  ]);
  return { state, authorizeUrl: buildAuthorizeUrl(settings, state), expiresAt };
}
