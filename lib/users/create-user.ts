import 'server-only';
import { CLI_ACTOR } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { newUserSchema, type NewUserInput, type UserSummary } from '@/lib/users/user-schema';

/** The email is taken; the message says so without echoing anything secret. */
export class UserExistsError extends Error {
  override name = 'UserExistsError';
}

/**
 * `user add`: validates (zod, throws ZodError), hashes the password (scrypt), and writes the user,
 * their locations and the audit entry (actor: the CLI) in one transaction. Throws UserExistsError
 * when the email is already registered.
 */
export async function createUser(db: Db, input: NewUserInput): Promise<UserSummary> {
  const user = newUserSchema.parse(input);
  const passwordHash = await hashPassword(user.password);
  const locationIds = [...new Set(user.locationIds)].sort();
  try {
    const created = await db.$transaction(async (tx) => {
      const row = await tx.user.create({
        data: { email: user.email, name: user.name, role: user.role, passwordHash },
      });
      if (locationIds.length > 0) {
        await tx.userLocation.createMany({
          data: locationIds.map((locationId) => ({ userId: row.id, locationId })),
        });
      }
      await writeAuditEntry(tx, {
        actor: CLI_ACTOR,
        action: 'user.create',
        target: { type: 'user', id: row.id, label: row.email },
        after: { email: row.email, name: row.name, role: user.role, locationIds },
      });
      return row;
    });
    return {
      id: created.id,
      email: created.email,
      name: created.name,
      role: user.role,
      locationIds,
      createdAt: created.createdAt,
    };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new UserExistsError(`a user with the email ${user.email} already exists`);
    }
    throw error;
  }
}
