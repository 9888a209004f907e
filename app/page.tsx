import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { HomeView } from '@/components/home-view';
import { AppHeader } from '@/components/layout/app-header';
import { DashboardView } from '@/components/reports/dashboard-view';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { makeQueryClient } from '@/lib/query/make-query-client';
import { prefetchReportQueries } from '@/lib/query/prefetch-report-queries';
import { readReportRange, utcDay } from '@/lib/metrics/report-range';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * `/`: the agency roll-up for a signed-in user (their locations only), the landing page otherwise.
 * The report (this and the previous period) and the daily series are prefetched here with the
 * client's query options, so the first paint has data.
 */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await getSessionUser();
  if (!user) return <HomeView />;

  const today = utcDay();
  const range = readReportRange(await searchParams, today);
  const queryClient = makeQueryClient();
  await prefetchReportQueries(queryClient, user, range);

  return (
    <>
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DashboardView today={today} seesAllLocations={user.role === 'admin'} />
      </HydrationBoundary>
    </>
  );
}
