import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { HomeView } from '@/components/home-view';
import { AppHeader } from '@/components/layout/app-header';
import { DashboardView } from '@/components/reports/dashboard-view';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { scopeReportParams } from '@/lib/auth/scope-report-params';
import { db } from '@/lib/db/client';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { locationsReportParamsSchema } from '@/lib/metrics/locations-report-params';
import { locationsReportQueryOptions } from '@/lib/query/locations-report-query';
import { makeQueryClient } from '@/lib/query/make-query-client';
import { readReportRange, utcDay } from '@/lib/query/report-range';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * `/`: the agency roll-up for a signed-in user (their locations only), the landing page otherwise.
 * The report is prefetched here with the client's query options, so the first paint has data.
 */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await getSessionUser();
  if (!user) return <HomeView />;

  const today = utcDay();
  const range = readReportRange(await searchParams, today);
  const queryClient = makeQueryClient();
  // A bad period in the URL is not prefetched: the client asks the API and shows its message.
  if (locationsReportParamsSchema.safeParse(range).success) {
    await queryClient.prefetchQuery({
      ...locationsReportQueryOptions(range),
      queryFn: () => getLocationsReport(db(), scopeReportParams(user, range) ?? { ...range, locationIds: [] }),
      retry: false, // the browser retries; the first paint should not wait for it
    });
  }

  return (
    <>
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DashboardView today={today} seesAllLocations={user.role === 'admin'} />
      </HydrationBoundary>
    </>
  );
}
