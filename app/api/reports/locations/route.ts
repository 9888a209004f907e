import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { route } from '@/lib/handle-error';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';

export const dynamic = 'force-dynamic';

/** The locations report as JSON for the dashboard: `?from&to[&location=ID…]`, the user's locations only. */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  const report = await getLocationsReport(db(), params);
  return Response.json(report, { headers: { 'Cache-Control': 'private, no-store' } });
});
