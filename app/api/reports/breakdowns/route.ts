import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { getLocationBreakdowns } from '@/lib/metrics/get-location-breakdowns';

export const dynamic = 'force-dynamic';

/**
 * One location's drill-down breakdowns (pipeline view, opportunities and payments by status,
 * source and currency): `?from&to&location=ID`, exactly one location, which must be the user's.
 */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  const [locationId, ...others] = params.locationIds ?? [];
  if (!locationId || others.length > 0)
    throw new AppError('invalid_input', 'Give exactly one location.', {
      fields: { location: 'exactly one location id' },
    });
  const result = await getLocationBreakdowns(db(), {
    locationId,
    from: params.from,
    to: params.to,
  });
  if (!result) throw new AppError('not_found', 'No such location.');
  return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
});
