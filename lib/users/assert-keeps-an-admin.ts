import 'server-only';

import type { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';

export const LAST_ADMIN_MESSAGE =
  'This is the last admin. Make another user an admin first, or nobody could run the agency.';

/**
 * Refuses (AppError `conflict`) to remove or demote `userId` when they are the last admin. Locks
 * every admin row first (FOR UPDATE), so two admins demoting each other at once cannot both pass:
 * the second waits, then sees only one admin left. Call inside the transaction of the change.
 */
export async function assertKeepsAnAdmin(
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<void> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`;
  const others = admins.filter((admin) => admin.id !== userId);
  if (others.length === 0 && admins.length > 0) throw new AppError('conflict', LAST_ADMIN_MESSAGE);
}
