import 'server-only';

import { decryptSecret, DecryptionError, encryptSecret } from '@/lib/crypto/encrypt';
import type { Db } from '@/lib/db/client';

export type ReencryptResult = {
  /** Re-encrypted from the previous key to the current one. */
  reencrypted: number;
  /** Already readable with the current key (a second run changes nothing). */
  alreadyCurrent: number;
  /** Readable with neither key: left as they are, to be set again. */
  unreadable: string[];
};

/**
 * Rotates APP_ENCRYPTION_KEY for the stored location tokens: every token readable with the
 * previous key is encrypted again with the current one (same location binding). Idempotent, and
 * safe to run while a sync reads tokens: a row is replaced only if it has not changed meanwhile.
 */
export async function reencryptLocationTokens(
  db: Db,
  keys: { previous: Buffer; current: Buffer },
): Promise<ReencryptResult> {
  const result: ReencryptResult = { reencrypted: 0, alreadyCurrent: 0, unreadable: [] };
  const rows = await db.locationToken.findMany({ orderBy: { locationId: 'asc' } });
  for (const row of rows) {
    const read = (key: Buffer) => {
      try {
        return decryptSecret(row.ciphertext, key, row.locationId);
      } catch (error) {
        if (error instanceof DecryptionError) return null;
        throw error;
      }
    };
    if (read(keys.current) !== null) {
      result.alreadyCurrent++;
      continue;
    }
    const token = read(keys.previous);
    if (token === null) {
      result.unreadable.push(row.locationId);
      continue;
    }
    const { count } = await db.locationToken.updateMany({
      where: { locationId: row.locationId, ciphertext: row.ciphertext },
      data: { ciphertext: encryptSecret(token, keys.current, row.locationId) },
    });
    result.reencrypted += count;
  }
  return result;
}
