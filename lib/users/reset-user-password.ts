import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { issuePasswordLink, type IssuedPasswordLink } from '@/lib/users/issue-password-link';

/**
 * An admin issues a new one-time set-password link for a user (shown to the admin once; any
 * earlier unused link stops working). The current password keeps working until the link is used.
 * Audited without the link. Throws AppError `not_found` when there is no such user.
 */
export async function resetUserPassword(
  db: Db,
  actor: AuditActor,
  userId: string,
  now: Date = new Date(),
): Promise<IssuedPasswordLink> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new AppError('not_found', 'No such user.');
    const link = await issuePasswordLink(tx, userId, { now });
    await writeAuditEntry(tx, {
      actor,
      action: 'user.password_link',
      target: { type: 'user', id: userId, label: user.email },
      after: { purpose: link.purpose, expiresAt: link.expiresAt.toISOString() },
    });
    return link;
  });
}
