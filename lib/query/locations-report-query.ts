import { queryOptions } from '@tanstack/react-query';
import type { LocationsReportResult } from '@/lib/metrics/get-locations-report';
import { fetchJson } from '@/lib/query/fetch-json';
import { queryKeys } from '@/lib/query/query-keys';
import { reportSearchParams, type ReportRange } from '@/lib/query/report-range';

/** The JSON endpoint behind the roll-up table (GET, session cookie, restricted to the user). */
export function locationsReportPath(range: ReportRange): string {
  return `/api/reports/locations?${reportSearchParams(range)}`;
}

/** The CSV download of the same report. */
export function locationsCsvPath(range: ReportRange): string {
  return `/api/reports/locations.csv?${reportSearchParams(range)}`;
}

/**
 * Query options for the locations report. Server pages prefetch with these same options but
 * their own `queryFn` (calling lib/metrics directly); the key and the data shape are identical.
 */
export function locationsReportQueryOptions(range: ReportRange) {
  return queryOptions({
    queryKey: queryKeys.locationsReport(range),
    queryFn: ({ signal }) => fetchJson<LocationsReportResult>(locationsReportPath(range), signal),
  });
}
