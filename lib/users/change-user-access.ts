import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { assertKeepsAnAdmin } from '@/lib/users/assert-keeps-an-admin';
import { assertKnownLocations } from '@/lib/users/assert-known-locations';
import { toRole, type Role } from '@/lib/users/user-schema';

export type UserAccess = { role: Role; locationIds: string[] };

/**
 * Changes a user's role and location grants in one transaction, with its audit entry (before and
 * after). It takes effect at once: every request re-reads the user's role and locations
 * (lib/auth/session-user.ts), and the user's open sessions end (`session_version` is bumped). The
 * one place a role or grant changes (the admin page and `cli user set` both call it). Throws AppError
 * `not_found` (no such user), `conflict` (it would demote the last admin), `invalid_input`
 * (unknown location). Returns the access as it was and as it is.
 */
export async function changeUserAccess(
  db: Db,
  actor: AuditActor,
  userId: string,
  access: UserAccess,
): Promise<{ before: UserAccess; after: UserAccess; changed: boolean }> {
  const locationIds = access.role === 'admin' ? [] : [...new Set(access.locationIds)].sort();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, role: true },
    });
    if (!user) throw new AppError('not_found', 'No such user.');
    const before: UserAccess = {
      role: toRole(user.role),
      locationIds: (
        await tx.userLocation.findMany({
          where: { userId },
          select: { locationId: true },
          orderBy: { locationId: 'asc' },
        })
      ).map((row) => row.locationId),
    };
    const after: UserAccess = { role: access.role, locationIds };
    const changed =
      before.role !== after.role || before.locationIds.join('\n') !== after.locationIds.join('\n');
    if (!changed) return { before, after, changed };
    if (before.role === 'admin' && after.role !== 'admin') await assertKeepsAnAdmin(tx, userId);
    await assertKnownLocations(
      tx,
      locationIds.filter((id) => !before.locationIds.includes(id)),
    );
    // A new session version ends the user's open sessions: a copied cookie from before the change
    // stops working, and they sign in again to the new access.
    await tx.user.update({
      where: { id: userId },
      data: { role: after.role, sessionVersion: { increment: 1 } },
    });
    await tx.userLocation.deleteMany({ where: { userId } });
    if (locationIds.length > 0)
      await tx.userLocation.createMany({
        data: locationIds.map((locationId) => ({ userId, locationId })),
      });
    await writeAuditEntry(tx, {
      actor,
      action: 'user.update',
      target: { type: 'user', id: userId, label: user.email },
      before,
      after,
    });
    return { before, after, changed };
  });
}
