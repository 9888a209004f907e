import 'server-only';
import type { Db } from '@/lib/db/client';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encrypt';
import { tokenFingerprint } from '@/lib/redact';

/**
 * Minted location access tokens (`oauth_location_tokens`), encrypted with APP_ENCRYPTION_KEY and
 * bound to their location, so every process (CLI, worker) reuses one token until shortly before it
 * expires instead of minting its own.
 */
export type CachedLocationToken = { token: string; obtainedAt: Date; expiresAt: Date };

/** The additional data a location's minted token is encrypted with (its location). */
export const cachedTokenContext = (locationId: string) => `oauth:location:${locationId}`;
const context = cachedTokenContext;

/** The stored token of a location, or null. */
export async function readCachedLocationToken(
  db: Db,
  locationId: string,
  key: Buffer,
): Promise<CachedLocationToken | null> {
  const row = await db.oAuthLocationToken.findUnique({ where: { locationId } });
  if (!row) return null;
  return {
    token: decryptSecret(row.ciphertext, key, context(locationId)),
    obtainedAt: row.obtainedAt,
    expiresAt: row.expiresAt,
  };
}

/** Stores (or replaces) a location's minted token. */
export async function writeCachedLocationToken(
  db: Db,
  locationId: string,
  value: CachedLocationToken,
  key: Buffer,
): Promise<void> {
  const data = {
    ciphertext: encryptSecret(value.token, key, context(locationId)),
    fingerprint: tokenFingerprint(value.token),
    obtainedAt: value.obtainedAt,
    expiresAt: value.expiresAt,
  };
  await db.oAuthLocationToken.upsert({
    where: { locationId },
    create: { locationId, ...data },
    update: data,
  });
}

/** Drops a location's token if it is still the one GHL rejected (`fingerprint`). */
export async function dropCachedLocationToken(
  db: Db,
  locationId: string,
  fingerprint: string,
): Promise<void> {
  await db.oAuthLocationToken.deleteMany({ where: { locationId, fingerprint } });
}
