import { queryOptions } from '@tanstack/react-query';
import type { LocationBreakdownsResult } from '@/lib/metrics/get-location-breakdowns';
import { fetchJson } from '@/lib/query/fetch-json';
import { scopedSearchParams } from '@/lib/query/locations-report-query';
import { queryKeys } from '@/lib/query/query-keys';
import type { ReportRange } from '@/lib/metrics/report-range';

/** The JSON endpoint behind the drill-down's breakdowns (GET, session cookie, one location). */
export function locationBreakdownsPath(range: ReportRange, locationId: string): string {
  return `/api/reports/breakdowns?${scopedSearchParams(range, { locationId })}`;
}

/** Query options for one location's breakdowns; the server page prefetches with the same key. */
export function locationBreakdownsQueryOptions(range: ReportRange, locationId: string) {
  return queryOptions({
    queryKey: queryKeys.locationBreakdowns(range, locationId),
    queryFn: ({ signal }) =>
      fetchJson<NonNullable<LocationBreakdownsResult>>(
        locationBreakdownsPath(range, locationId),
        signal,
      ),
  });
}
