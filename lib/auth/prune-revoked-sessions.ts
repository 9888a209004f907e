import 'server-only';

import type { Db } from '@/lib/db/client';

/**
 * Drops revoked-session rows whose session has ended anyway (past sign-in + the maximum session
 * age, when loadSessionUser refuses the token by itself). Run by the prune-sign-in-records job.
 */
export async function pruneRevokedSessions(db: Db, now: Date = new Date()): Promise<number> {
  const { count } = await db.revokedSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
