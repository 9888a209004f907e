import 'server-only';
import type { Db } from '@/lib/db/client';
import { toRole, type UserSummary } from '@/lib/users/user-schema';

/** Every dashboard user with their locations, by email; never a password hash. */
export async function listUsers(db: Db): Promise<UserSummary[]> {
  const [users, links] = await Promise.all([
    db.user.findMany({
      orderBy: { email: 'asc' },
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    }),
    db.userLocation.findMany({ orderBy: { locationId: 'asc' } }),
  ]);
  const byUser = new Map<string, string[]>();
  for (const link of links)
    byUser.set(link.userId, [...(byUser.get(link.userId) ?? []), link.locationId]);
  return users.map((user) => ({
    ...user,
    role: toRole(user.role),
    locationIds: byUser.get(user.id) ?? [],
  }));
}
