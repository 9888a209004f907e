import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertKeepsAnAdmin } from '@/lib/users/assert-keeps-an-admin';

/**
 * Removes a user from the admin screen: their grants, unused set-password links and the user, with
 * the audit entry, in one transaction. Their sessions end at once (every request re-reads the
 * user). Throws AppError `not_found` (no such user) or `conflict` (the last admin).
 */
export async function removeUserById(db: Db, actor: AuditActor, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, name: true, role: true },
    });
    if (!user) throw new AppError('not_found', 'No such user.');
    if (user.role === 'admin') await assertKeepsAnAdmin(tx, userId);
    const grants = await tx.userLocation.findMany({
      where: { userId },
      select: { locationId: true },
      orderBy: { locationId: 'asc' },
    });
    await tx.userLocation.deleteMany({ where: { userId } });
    await tx.passwordLink.deleteMany({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    await writeAuditEntry(tx, {
      actor,
      action: 'user.remove',
      target: { type: 'user', id: userId, label: user.email },
      before: {
        email: user.email,
        name: user.name,
        role: user.role,
        locationIds: grants.map((g) => g.locationId),
      },
    });
  });
}
