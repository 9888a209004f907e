import 'server-only';

import { parseStamp } from '@/lib/auth/session-user';
import type { Db } from '@/lib/db/client';

/**
 * Signs out one session for good: its id (from the token's stamp) is stored until the session's
 * absolute end (sign-in + SESSION_MAX_AGE_SECONDS), and loadSessionUser refuses it from then on,
 * so a copied cookie stops working too. Other sessions of the same user are untouched. Returns
 * false for a token without a valid stamp (nothing to revoke).
 */
export async function revokeSession(db: Db, stamp: string | undefined): Promise<boolean> {
  const parsed = parseStamp(stamp);
  if (!parsed) return false;
  const { sessionId: id, expiresAt } = parsed;
  await db.revokedSession.upsert({ where: { id }, create: { id, expiresAt }, update: {} });
  return true;
}
