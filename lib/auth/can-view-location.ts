import { allowedLocationIds } from '@/lib/auth/allowed-location-ids';
import type { SessionUser } from '@/lib/auth/session-user';

/** Whether a user may see one location's data (admins: any; staff: only their listed ones). */
export function canViewLocation(
  user: Pick<SessionUser, 'role' | 'locationIds'>,
  locationId: string,
): boolean {
  const allowed = allowedLocationIds(user);
  return allowed === null || allowed.includes(locationId);
}
