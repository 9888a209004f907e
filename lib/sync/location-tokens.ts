import 'server-only';
import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encrypt';
import { tokenFingerprint } from '@/lib/redact';

/**
 * The store of sub-account Private Integration Tokens (`location_tokens`): AES-256-GCM encrypted
 * with APP_ENCRYPTION_KEY, bound to their location id. Only fingerprints ever leave this module
 * in listings; the plaintext is returned only to the credential resolver.
 */

/** What `location-token list` may show: never the token. */
export type LocationTokenInfo = {
  locationId: string;
  locationName: string | null;
  fingerprint: string;
  createdAt: Date;
  updatedAt: Date;
};

/** A value that is obviously not a token (empty, whitespace inside, absurdly long). */
export class InvalidTokenInputError extends Error {
  override name = 'InvalidTokenInputError';
}

/** Trims and sanity-checks a pasted token without ever echoing it. */
export function normaliseTokenInput(raw: string): string {
  const token = raw.trim();
  if (token === '') throw new InvalidTokenInputError('No token was given on stdin.');
  if (/\s/.test(token))
    throw new InvalidTokenInputError('The token contains whitespace; paste exactly one token.');
  if (token.length > 4096)
    throw new InvalidTokenInputError('The token is longer than 4096 characters.');
  return token;
}

/** The client or a transaction: what storing and removing a token needs. */
export type TokenStore = Pick<Prisma.TransactionClient, 'locationToken'>;

/** Stores (or replaces) a location's token; returns its fingerprint. */
export async function setLocationToken(
  db: TokenStore,
  locationId: string,
  token: string,
  key: Buffer,
): Promise<string> {
  const fingerprint = tokenFingerprint(token);
  const ciphertext = encryptSecret(token, key, locationId);
  await db.locationToken.upsert({
    where: { locationId },
    create: { locationId, ciphertext, fingerprint },
    update: { ciphertext, fingerprint },
  });
  return fingerprint;
}

/** Lists stored tokens with their location names and fingerprints (never the token). */
export async function listLocationTokens(db: Db): Promise<LocationTokenInfo[]> {
  const tokens = await db.locationToken.findMany({ orderBy: { locationId: 'asc' } });
  const names = new Map(
    (
      await db.location.findMany({
        where: { id: { in: tokens.map((t) => t.locationId) } },
        select: { id: true, name: true },
      })
    ).map((l) => [l.id, l.name]),
  );
  return tokens.map((t) => ({
    locationId: t.locationId,
    locationName: names.get(t.locationId) ?? null,
    fingerprint: t.fingerprint,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  }));
}

/** Whether any token is stored (then APP_ENCRYPTION_KEY is needed to sync). */
export async function hasLocationTokens(db: Db): Promise<boolean> {
  return (await db.locationToken.count()) > 0;
}

/** Decrypts a location's token, or null when none is stored. Throws DecryptionError on a bad key. */
export async function readLocationToken(
  db: Db,
  locationId: string,
  key: Buffer,
): Promise<string | null> {
  const row = await db.locationToken.findUnique({ where: { locationId } });
  return row ? decryptSecret(row.ciphertext, key, locationId) : null;
}
