import 'server-only';

import { z } from 'zod';
import { CLI_ACTOR } from '@/lib/audit/audit-actions';
import type { Db } from '@/lib/db/client';
import { changeUserAccess } from '@/lib/users/change-user-access';
import { emailSchema, ROLES, toRole, type UserSummary } from '@/lib/users/user-schema';

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
 * `user set`: changes a user's role and/or locations by email. The change itself is
 * `changeUserAccess` (one transaction, the last admin kept, the audit entry, every open session of
 * the user ended). Throws ZodError for bad input, UnknownUserError for an unknown email, AppError
 * `conflict` for demoting the last admin and `invalid_input` for an unknown location.
 */
export async function setUserAccess(db: Db, input: UserAccessInput): Promise<UserSummary> {
  const change = userAccessSchema.parse(input);
  const user = await db.user.findUnique({ where: { email: change.email } });
  if (!user) throw new UnknownUserError(`no user with the email ${change.email}`);
  const role = change.role ?? toRole(user.role);
  if (role === 'admin' && (change.locationIds?.length ?? 0) > 0)
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['locationIds'],
        message: 'admins see every location; --locations is for staff only',
        input: change.locationIds,
      },
    ]);
  const locationIds =
    change.locationIds ??
    (await db.userLocation.findMany({ where: { userId: user.id } })).map((row) => row.locationId);
  const { after } = await changeUserAccess(db, CLI_ACTOR, user.id, { role, locationIds });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: after.role,
    locationIds: after.locationIds,
    createdAt: user.createdAt,
  };
}
