import 'server-only';
import type { QueryClient } from '@tanstack/react-query';
import { db } from '@/lib/db/client';
import { getLocationBreakdowns } from '@/lib/metrics/get-location-breakdowns';
import { locationsReportParamsSchema } from '@/lib/metrics/locations-report-params';
import { locationBreakdownsQueryOptions } from '@/lib/query/location-breakdowns-query';
import type { ReportRange } from '@/lib/metrics/report-range';

/**
 * Server pages only: fills the drill-down's breakdowns under the key the browser reads, calling
 * lib/metrics directly. The caller has already checked that the user may see the location; a bad
 * period is not prefetched (the browser asks the API and shows its message).
 */
export async function prefetchLocationBreakdowns(
  queryClient: QueryClient,
  range: ReportRange,
  locationId: string,
): Promise<void> {
  if (!locationsReportParamsSchema.safeParse(range).success) return;
  await queryClient.prefetchQuery({
    ...locationBreakdownsQueryOptions(range, locationId),
    queryFn: async () => {
      const result = await getLocationBreakdowns(db(), { ...range, locationId });
      if (!result) throw new Error('The location disappeared while the page was rendered.');
      return result;
    },
    retry: false,
  });
}
