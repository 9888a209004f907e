import 'server-only';
import { CLI_ACTOR } from '@/lib/audit/audit-actions';
import type { Db } from '@/lib/db/client';
import { removeUserById } from '@/lib/users/remove-user-by-id';
import { emailSchema } from '@/lib/users/user-schema';

/**
 * `user remove`: removes a user by email, as the admin screen does (`removeUserById`: grants,
 * links and the user in one transaction, audited as the CLI). Their sessions end at once: every
 * request re-reads the user. Returns whether a user with that email existed. Throws AppError
 * `conflict` for the last admin (the agency would be locked out).
 */
export async function removeUser(db: Db, email: string): Promise<boolean> {
  const normalized = emailSchema.parse(email);
  const user = await db.user.findUnique({ where: { email: normalized }, select: { id: true } });
  if (!user) return false;
  await removeUserById(db, CLI_ACTOR, user.id);
  return true;
}
