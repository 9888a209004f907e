import { authorizeReportRequest } from '@/lib/auth/authorize-report-request';
import { db } from '@/lib/db/client';
import { route } from '@/lib/handle-error';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { csvResponse } from '@/lib/reports/csv';
import { csvFileName } from '@/lib/reports/csv-file-name';
import { locationsCsvLines } from '@/lib/reports/locations-csv';

export const dynamic = 'force-dynamic';

/** The same report as a CSV download (docs/metrics.md "The CSV export"), same authorization. */
export const GET = route(async (request) => {
  const { params } = await authorizeReportRequest(request);
  const report = await getLocationsReport(db(), params);
  // One location's report (the drill-down's link) is named after it.
  const oneLocation = params.locationIds?.length === 1 ? report.rows[0]?.locationName : undefined;
  return csvResponse(locationsCsvLines(report), csvFileName(report, oneLocation));
});
