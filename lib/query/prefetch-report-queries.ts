import 'server-only';
import type { QueryClient } from '@tanstack/react-query';
import { scopeReportParams } from '@/lib/auth/scope-report-params';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db/client';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import {
  comparisonRange,
  DEFAULT_COMPARISON,
  type Comparison,
} from '@/lib/metrics/comparison-range';
import {
  isWithinReportBounds,
  locationsReportParamsSchema,
} from '@/lib/metrics/locations-report-params';
import { dailySeriesQueryOptions } from '@/lib/query/daily-series-query';
import { locationsReportQueryOptions } from '@/lib/query/locations-report-query';
import type { ReportScope } from '@/lib/query/query-keys';
import type { ReportRange } from '@/lib/metrics/report-range';

/**
 * Server pages only: fills a request's QueryClient with what the report views read first (the
 * report for the period and for its comparison — the URL's `compare`, previous period unless it
 * says otherwise — and the daily series), under the same keys the
 * browser uses, calling lib/metrics directly with the user's locations. A bad period in the URL
 * is not prefetched: the browser asks the API and shows its message. The caller has already
 * checked that the user may see `scope.locationId`.
 */
export async function prefetchReportQueries(
  queryClient: QueryClient,
  user: SessionUser,
  range: ReportRange,
  scope: ReportScope = {},
  comparison: Comparison = DEFAULT_COMPARISON,
): Promise<void> {
  if (!locationsReportParamsSchema.safeParse(range).success) return;
  const params = (period: ReportRange) => {
    const requested = scope.locationId ? { ...period, locationIds: [scope.locationId] } : period;
    return scopeReportParams(user, requested) ?? { ...period, locationIds: [] };
  };
  const compared = comparisonRange(comparison, range);
  const previous = compared && isWithinReportBounds(compared) ? compared : null;
  // The browser retries; the first paint should not wait for it.
  await Promise.all([
    queryClient.prefetchQuery({
      ...locationsReportQueryOptions(range, scope),
      queryFn: () => getLocationsReport(db(), params(range)),
      retry: false,
    }),
    previous &&
      queryClient.prefetchQuery({
        ...locationsReportQueryOptions(previous, scope),
        queryFn: () => getLocationsReport(db(), params(previous)),
        retry: false,
      }),
    queryClient.prefetchQuery({
      ...dailySeriesQueryOptions(range, scope),
      queryFn: () => getDailySeries(db(), params(range)),
      retry: false,
    }),
  ]);
}
