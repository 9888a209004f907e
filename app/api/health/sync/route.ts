import { allowedLocationIds } from '@/lib/auth/allowed-location-ids';
import { canViewLocation } from '@/lib/auth/can-view-location';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { isPlausibleLocationId } from '@/lib/location-id';

export const dynamic = 'force-dynamic';

/**
 * Sync health as JSON: `[?location=ID]`, the user's locations only. `unauthenticated` (401) when
 * signed out; `not_found` (404) when the requested location is not theirs, archived or unknown
 * (the same answer, so nothing leaks).
 */
export const GET = route(async (request) => {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to see sync health.');

  const requested = new URL(request.url).searchParams.get('location')?.trim();
  if (requested && (!isPlausibleLocationId(requested) || !canViewLocation(user, requested)))
    throw new AppError('not_found', 'No such location.');
  const locationIds = requested ? [requested] : (allowedLocationIds(user) ?? undefined);

  const health = await getSyncHealth(db(), { locationIds });
  if (requested && health.locations.length === 0)
    throw new AppError('not_found', 'No such location.');
  return Response.json(health, { headers: { 'Cache-Control': 'private, no-store' } });
});
