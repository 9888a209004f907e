import type { SessionUser } from '@/lib/auth/session-user';

/**
 * The locations a user may see: `null` means every location (admins); a list (possibly empty)
 * restricts staff to the locations listed for them.
 */
export function allowedLocationIds(
  user: Pick<SessionUser, 'role' | 'locationIds'>,
): string[] | null {
  return user.role === 'admin' ? null : [...user.locationIds];
}
