import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { toRole, type Role } from '@/lib/users/user-schema';

/**
 * The signed-in user as pages and routes see it, re-read from the database on every request, so
 * a role or location change (or a removed user) takes effect at once despite JWT sessions.
 */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The locations a staff user may see; empty for admins (who see every location). */
  locationIds: string[];
};

/**
 * A short fingerprint of the user's password hash, keyed with the auth secret. It rides in the
 * session token; when the password changes (or the demo resets it) old sessions stop matching.
 * Keyed, so the token holder learns nothing they could test password guesses against.
 */
export function sessionStamp(secret: string, userId: string, passwordHash: string): string {
  return createHmac('sha256', secret)
    .update(`${userId}\0${passwordHash}`)
    .digest('base64url')
    .slice(0, 22);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Loads the session's user with the locations they may see, or null when the user is gone or the
 * session was issued for an older password.
 *
 * @param stamp the `sessionStamp` stored in the session token at sign-in
 */
export async function loadSessionUser(
  db: Db,
  secret: string,
  userId: string,
  stamp: string | undefined,
): Promise<SessionUser | null> {
  if (!UUID.test(userId) || !stamp) return null;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  const expected = Buffer.from(sessionStamp(secret, user.id, user.passwordHash));
  const given = Buffer.from(stamp);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const role = toRole(user.role);
  const locationIds =
    role === 'admin'
      ? []
      : (
          await db.userLocation.findMany({
            where: { userId: user.id },
            select: { locationId: true },
            orderBy: { locationId: 'asc' },
          })
        ).map((row) => row.locationId);
  return { id: user.id, email: user.email, name: user.name, role, locationIds };
}
