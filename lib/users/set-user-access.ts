import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { emailSchema, ROLES, type UserSummary } from '@/lib/users/user-schema';

/** A role and location change as `user set` submits it (either may be left out). */
export const userAccessSchema = z
  .object({
    email: emailSchema,
    role: z.enum(ROLES, { message: 'expected admin or staff' }).optional(),
    /** Replaces the staff user's list; omitted = unchanged. */
    locationIds: z.array(z.string().trim().min(1)).optional(),
  })
  .refine((input) => input.role !== undefined || input.locationIds !== undefined, {
    message: 'nothing to change: give --role, --locations or both',
  });

export type UserAccessInput = z.input<typeof userAccessSchema>;

/** The email names no user. */
export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

/**
 * Changes who a user is (role) and what they see (locations) in one transaction, and ends every
 * session they have (bumps `session_version`): whoever was signed in as them signs in again and
 * gets the new access, and a copied cookie from before the change stops working. Admins keep no
 * location list. Throws ZodError for bad input, UnknownUserError for an unknown email.
 */
export async function setUserAccess(db: Db, input: UserAccessInput): Promise<UserSummary> {
  const change = userAccessSchema.parse(input);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: change.email } });
    if (!user) throw new UnknownUserError(`no user with the email ${change.email}`);
    const role = change.role ?? (user.role === 'admin' ? 'admin' : 'staff');
    if (role === 'admin' && (change.locationIds?.length ?? 0) > 0)
      throw new z.ZodError([
        {
          code: 'custom',
          path: ['locationIds'],
          message: 'admins see every location; --locations is for staff only',
          input: change.locationIds,
        },
      ]);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, sessionVersion: { increment: 1 } },
    });
    if (role === 'admin' || change.locationIds !== undefined) {
      await tx.userLocation.deleteMany({ where: { userId: user.id } });
      const locationIds = role === 'admin' ? [] : [...new Set(change.locationIds)].sort();
      if (locationIds.length > 0)
        await tx.userLocation.createMany({
          data: locationIds.map((locationId) => ({ userId: user.id, locationId })),
        });
    }
    const rows = await tx.userLocation.findMany({
      where: { userId: user.id },
      orderBy: { locationId: 'asc' },
    });
    return {
      id: updated.id,
      email: updated.email,
      name: updated.name,
      role,
      locationIds: rows.map((row) => row.locationId),
      createdAt: updated.createdAt,
    };
  });
}
