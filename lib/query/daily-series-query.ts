import { queryOptions } from '@tanstack/react-query';
import type { DailySeriesResult } from '@/lib/metrics/get-daily-series';
import { fetchJson } from '@/lib/query/fetch-json';
import { scopedSearchParams } from '@/lib/query/locations-report-query';
import { queryKeys, type ReportScope } from '@/lib/query/query-keys';
import type { ReportRange } from '@/lib/metrics/report-range';

/** The JSON endpoint behind the charts (GET, session cookie, restricted to the user). */
export function dailySeriesPath(range: ReportRange, scope: ReportScope = {}): string {
  return `/api/reports/daily?${scopedSearchParams(range, scope)}`;
}

/** Query options for the daily series; server pages prefetch with the same key. */
export function dailySeriesQueryOptions(range: ReportRange, scope: ReportScope = {}) {
  return queryOptions({
    queryKey: queryKeys.dailySeries(range, scope),
    queryFn: ({ signal }) => fetchJson<DailySeriesResult>(dailySeriesPath(range, scope), signal),
  });
}
