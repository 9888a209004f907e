import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { route } from '@/lib/handle-error';
import { dailySeriesCsvResponse } from '@/lib/reports/export/daily-series-csv-response';

export const dynamic = 'force-dynamic';

/**
 * The daily series as a streamed CSV, location × day × currency (docs/metrics.md "The daily-series
 * CSV"): `?from&to[&location=ID…]`, same authorization as the dashboard and the drill-down.
 */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  return dailySeriesCsvResponse(db(), params);
});
