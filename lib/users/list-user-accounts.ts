import 'server-only';

import type { Db } from '@/lib/db/client';
import { toRole, type Role } from '@/lib/users/user-schema';

/**
 * `active`: has a password of their own. `invited`: has not set one yet, their link still works.
 * `invite_expired`: has not set one and the link expired (issue a new one).
 */
export type UserStatus = 'active' | 'invited' | 'invite_expired';

/** A user as the admin screen lists them: never a password hash or a link. */
export type UserAccount = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Empty for admins (they see every location). */
  locationIds: string[];
  createdAt: string;
  lastSignInAt: string | null;
  status: UserStatus;
  /** When the pending invitation or reset link stops working; null when there is none. */
  linkExpiresAt: string | null;
};

/** Every dashboard user with grants, last sign-in and status, by email. Three queries. */
export async function listUserAccounts(db: Db, now: Date = new Date()): Promise<UserAccount[]> {
  const [users, grants, links] = await Promise.all([
    db.user.findMany({
      orderBy: { email: 'asc' },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        createdAt: true,
        lastSignInAt: true,
      },
    }),
    db.userLocation.findMany({ orderBy: { locationId: 'asc' } }),
    db.passwordLink.findMany({
      where: { usedAt: null },
      select: { userId: true, purpose: true, expiresAt: true },
    }),
  ]);
  const byUser = new Map<string, string[]>();
  for (const grant of grants)
    byUser.set(grant.userId, [...(byUser.get(grant.userId) ?? []), grant.locationId]);
  const linkOf = new Map(links.map((link) => [link.userId, link]));
  return users.map((user) => {
    const link = linkOf.get(user.id);
    const isLive = link !== undefined && link.expiresAt > now;
    const status: UserStatus =
      link?.purpose !== 'invite' ? 'active' : isLive ? 'invited' : 'invite_expired';
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: toRole(user.role),
      locationIds: byUser.get(user.id) ?? [],
      createdAt: user.createdAt.toISOString(),
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
      status,
      linkExpiresAt: isLive ? link.expiresAt.toISOString() : null,
    };
  });
}
