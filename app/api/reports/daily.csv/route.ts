import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { requireDatabaseUrl } from '@/lib/env';
import { route } from '@/lib/handle-error';
import { dailySeriesCsvResponse } from '@/lib/reports/export/daily-series-csv-response';

export const dynamic = 'force-dynamic';

/**
 * The daily series as a streamed CSV, location × day × currency (docs/metrics.md "The daily-series
 * CSV"): `?from&to[&location=ID…]`, same authorization as the dashboard and the drill-down (the
 * session check uses Prisma; the export itself reads with plain `pg` on DATABASE_URL).
 */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  return dailySeriesCsvResponse(requireDatabaseUrl(), params);
});
