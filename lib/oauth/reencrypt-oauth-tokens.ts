import 'server-only';

import { decryptSecret, DecryptionError, encryptSecret } from '@/lib/crypto/encrypt';
import type { Db } from '@/lib/db/client';
import { ACCESS_CONTEXT, CONNECTION_ID, REFRESH_CONTEXT } from './connection-store';
import { cachedTokenContext } from './location-token-cache';

export type ReencryptOAuthResult = {
  /**
   * The agency connection: moved to the current key, already on it, none stored, or readable
   * with neither key (reconnect under Settings → Connect GoHighLevel).
   */
  connection: 'reencrypted' | 'already_current' | 'absent' | 'unreadable';
  /** Cached location tokens moved to the current key. */
  locationTokensReencrypted: number;
  /** Cached location tokens already on the current key. */
  locationTokensCurrent: number;
  /** Cached location tokens neither key reads: deleted (a new one is minted when needed). */
  locationTokensDropped: number;
};

function reader(ciphertext: string, context: string) {
  return (key: Buffer): string | null => {
    try {
      return decryptSecret(ciphertext, key, context);
    } catch (error) {
      if (error instanceof DecryptionError) return null;
      throw error;
    }
  };
}

/**
 * Rotates APP_ENCRYPTION_KEY for the Marketplace connection: the agency access and refresh
 * tokens and every cached location token readable with the previous key are encrypted again with
 * the current one (same purpose binding), so no reconnect is needed. Idempotent; a row is
 * replaced only if it has not changed meanwhile (a refresh in another process wins). A cached
 * location token neither key reads is deleted: it is only a cache.
 */
export async function reencryptOAuthTokens(
  db: Db,
  keys: { previous: Buffer; current: Buffer },
): Promise<ReencryptOAuthResult> {
  const result: ReencryptOAuthResult = {
    connection: 'absent',
    locationTokensReencrypted: 0,
    locationTokensCurrent: 0,
    locationTokensDropped: 0,
  };
  const row = await db.oAuthConnection.findUnique({ where: { id: CONNECTION_ID } });
  if (row) {
    const access = reader(row.accessCiphertext, ACCESS_CONTEXT);
    const refresh = reader(row.refreshCiphertext, REFRESH_CONTEXT);
    if (access(keys.current) !== null && refresh(keys.current) !== null) {
      result.connection = 'already_current';
    } else {
      const accessToken = access(keys.previous);
      const refreshToken = refresh(keys.previous);
      if (accessToken === null || refreshToken === null) {
        result.connection = 'unreadable';
      } else {
        const { count } = await db.oAuthConnection.updateMany({
          where: {
            id: CONNECTION_ID,
            accessCiphertext: row.accessCiphertext,
            refreshCiphertext: row.refreshCiphertext,
          },
          data: {
            accessCiphertext: encryptSecret(accessToken, keys.current, ACCESS_CONTEXT),
            refreshCiphertext: encryptSecret(refreshToken, keys.current, REFRESH_CONTEXT),
          },
        });
        // Changed meanwhile: a refresh stored new tokens (with whichever key that process had).
        result.connection = count === 1 ? 'reencrypted' : 'already_current';
      }
    }
  }
  const cached = await db.oAuthLocationToken.findMany({ orderBy: { locationId: 'asc' } });
  for (const token of cached) {
    const read = reader(token.ciphertext, cachedTokenContext(token.locationId));
    if (read(keys.current) !== null) {
      result.locationTokensCurrent++;
      continue;
    }
    const plain = read(keys.previous);
    if (plain === null) {
      const { count } = await db.oAuthLocationToken.deleteMany({
        where: { locationId: token.locationId, ciphertext: token.ciphertext },
      });
      result.locationTokensDropped += count;
      continue;
    }
    const { count } = await db.oAuthLocationToken.updateMany({
      where: { locationId: token.locationId, ciphertext: token.ciphertext },
      data: {
        ciphertext: encryptSecret(plain, keys.current, cachedTokenContext(token.locationId)),
      },
    });
    result.locationTokensReencrypted += count;
  }
  return result;
}
