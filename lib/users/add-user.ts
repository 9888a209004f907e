import 'server-only';

import { randomBytes } from 'node:crypto';
import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';
import { assertKnownLocations } from '@/lib/users/assert-known-locations';
import { issuePasswordLink, type IssuedPasswordLink } from '@/lib/users/issue-password-link';
import type { AddUserInput, UserSummary } from '@/lib/users/user-schema';

/**
 * Adds a dashboard user from the admin screen, with no password of their own yet: their hash is
 * of 32 random bytes nobody knows, so nobody can sign in as them until they use the one-time
 * link returned here (shown to the admin once). The user, their location grants, the link and
 * the audit entry are written in one transaction. Throws AppError `conflict` when the email is
 * taken, `invalid_input` for an unknown location.
 */
export async function addUser(
  db: Db,
  actor: AuditActor,
  input: AddUserInput,
  now: Date = new Date(),
): Promise<{ user: UserSummary; link: IssuedPasswordLink }> {
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  try {
    return await db.$transaction(async (tx) => {
      await assertKnownLocations(tx, input.locationIds);
      const row = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
      });
      if (input.locationIds.length > 0)
        await tx.userLocation.createMany({
          data: input.locationIds.map((locationId) => ({ userId: row.id, locationId })),
        });
      const link = await issuePasswordLink(tx, row.id, { purpose: 'invite', now });
      await writeAuditEntry(tx, {
        actor,
        action: 'user.create',
        target: { type: 'user', id: row.id, label: row.email },
        after: {
          email: row.email,
          name: row.name,
          role: input.role,
          locationIds: input.locationIds,
        },
      });
      return {
        user: {
          id: row.id,
          email: row.email,
          name: row.name,
          role: input.role,
          locationIds: input.locationIds,
          createdAt: row.createdAt,
        },
        link,
      };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('conflict', `A user with the email ${input.email} already exists.`, {
        fields: { email: 'this email already has an account' },
      });
    throw error;
  }
}
