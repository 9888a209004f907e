import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { AppHeader } from '@/components/layout/app-header';
import { DashboardView } from '@/components/reports/dashboard-view';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { staleAfterMinutes } from '@/lib/metrics/stale-after-minutes';
import { makeQueryClient } from '@/lib/query/make-query-client';
import { db } from '@/lib/db/client';
import { getOverviewColumns } from '@/lib/users/get-overview-columns';
import { prefetchReportQueries } from '@/lib/query/prefetch-report-queries';
import { readReportControls, readReportRange, utcDay } from '@/lib/metrics/report-range';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * `/`: the agency roll-up for a signed-in user (their locations only); signed out, the sign-in page
 * (`/api/health` is the machines' health check).
 * The report (this and the previous period) and the daily series are prefetched here with the
 * client's query options, so the first paint has data.
 */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key, value] as [string, string]] : [],
    ),
  ).toString();
  // Signed out: the sign-in page, which comes back to this period afterwards.
  const user = await requireSessionUser(query ? `/?${query}` : '/');

  const today = utcDay();
  const range = readReportRange(params, today);
  const queryClient = makeQueryClient();
  await prefetchReportQueries(queryClient, user, range, {}, readReportControls(params).comparison);

  return (
    <>
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DashboardView
          today={today}
          seesAllLocations={user.role === 'admin'}
          staleAfterMinutes={staleAfterMinutes()}
          tableColumns={await getOverviewColumns(db(), user.id)}
        />
      </HydrationBoundary>
    </>
  );
}
