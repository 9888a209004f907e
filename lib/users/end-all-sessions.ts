import 'server-only';

import type { Db } from '@/lib/db/client';

/**
 * Ends every session of a user at once, on every device, by bumping `users.session_version`
 * (tokens carry the version they were issued for; lib/auth/session-user.ts). Used by "sign out
 * everywhere"; a password, role or location change bumps it in its own update.
 */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.user.updateMany({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
  });
}
