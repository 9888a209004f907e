import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';

export const dynamic = 'force-dynamic';

/** The locations report as JSON for the dashboard: `?from&to[&location=ID…]`, the user's locations only. */
export async function GET(request: Request) {
  const auth = await authorizeReportRequest(request);
  if (!auth.ok) return auth.response;
  const report = await getLocationsReport(db(), auth.params);
  return Response.json(report, { headers: { 'Cache-Control': 'private, no-store' } });
}
