import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { ReportParamsError } from '@/lib/metrics/locations-report-params';
import { jsonError } from '@/lib/query/api-error';

export const dynamic = 'force-dynamic';

/** Dense daily series for the charts: `?from&to[&location=ID…]`, the user's locations only. */
export async function GET(request: Request) {
  const auth = await authorizeReportRequest(request);
  if (!auth.ok) return auth.response;
  try {
    const series = await getDailySeries(db(), auth.params);
    return Response.json(series, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    if (error instanceof ReportParamsError) return jsonError(400, 'bad_request', error.message);
    throw error;
  }
}
