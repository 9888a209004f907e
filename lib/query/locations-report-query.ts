import { queryOptions } from '@tanstack/react-query';
import type { LocationsReportResult } from '@/lib/metrics/get-locations-report';
import { fetchJson } from '@/lib/query/fetch-json';
import { queryKeys, type ReportScope } from '@/lib/query/query-keys';
import { reportSearchParams, type ReportRange } from '@/lib/metrics/report-range';

/** `from=…&to=…[&location=ID…]` for the report endpoints. */
export function scopedSearchParams(range: ReportRange, scope: ReportScope = {}): string {
  const base = reportSearchParams(range);
  const ids = scope.locationId ? [scope.locationId] : (scope.locationIds ?? []);
  if (ids.length === 0) return base;
  return `${base}&${new URLSearchParams(ids.map((id) => ['location', id])).toString()}`;
}

/** The JSON endpoint behind the roll-up table (GET, session cookie, restricted to the user). */
export function locationsReportPath(range: ReportRange, scope: ReportScope = {}): string {
  return `/api/reports/locations?${scopedSearchParams(range, scope)}`;
}

/** The CSV download of the same report. */
export function locationsCsvPath(range: ReportRange, scope: ReportScope = {}): string {
  return `/api/reports/locations.csv?${scopedSearchParams(range, scope)}`;
}

/**
 * Query options for the locations report. Server pages prefetch with these same options but
 * their own `queryFn` (calling lib/metrics directly); the key and the data shape are identical.
 */
export function locationsReportQueryOptions(range: ReportRange, scope: ReportScope = {}) {
  return queryOptions({
    queryKey: queryKeys.locationsReport(range, scope),
    queryFn: ({ signal }) =>
      fetchJson<LocationsReportResult>(locationsReportPath(range, scope), signal),
  });
}
