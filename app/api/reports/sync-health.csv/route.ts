import { allowedLocationIds } from '@/lib/auth/allowed-location-ids';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { csvResponse } from '@/lib/reports/csv';
import { syncHealthCsvFileName, syncHealthCsvLines } from '@/lib/reports/export/sync-health-csv';

export const dynamic = 'force-dynamic';

/**
 * Sync health as a streamed CSV (docs/metrics.md "The sync-health CSV"): the same figures and the
 * same rule as `/health` — signed in, and only the user's locations.
 */
export const GET = route(async () => {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to see sync health.');
  const now = new Date();
  const locationIds = allowedLocationIds(user) ?? undefined;
  return csvResponse(syncHealthCsvLines(db(), { locationIds, now }), syncHealthCsvFileName(now));
});
