import { allowedLocationIds } from '@/lib/auth/allowed-location-ids';
import { canViewLocation } from '@/lib/auth/can-view-location';
import type { SessionUser } from '@/lib/auth/session-user';
import type { LocationsReportParams } from '@/lib/metrics/locations-report-params';

/**
 * Narrows report parameters to what a user may see. Without `locationIds`, staff get their listed
 * locations and admins every location. With `locationIds`, every one must be viewable, or the
 * answer is null (the caller answers 404 and reveals nothing about the other locations).
 */
export function scopeReportParams(
  user: Pick<SessionUser, 'role' | 'locationIds'>,
  params: LocationsReportParams,
): LocationsReportParams | null {
  const { from, to, locationIds: requested } = params;
  if (requested !== undefined) {
    return requested.every((id) => canViewLocation(user, id))
      ? { from, to, locationIds: [...requested] }
      : null;
  }
  const allowed = allowedLocationIds(user);
  return allowed === null ? { from, to } : { from, to, locationIds: allowed };
}
