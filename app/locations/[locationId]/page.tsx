import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { LocationView } from '@/components/reports/location-view';
import { canViewLocation } from '@/lib/auth/can-view-location';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { getLocationDetail } from '@/lib/metrics/get-location-detail';
import { isPlausibleLocationId } from '@/lib/location-id';
import { staleAfterMinutes } from '@/lib/metrics/stale-after-minutes';
import { makeQueryClient } from '@/lib/query/make-query-client';
import { prefetchLocationBreakdowns } from '@/lib/query/prefetch-location-breakdowns';
import { prefetchReportQueries } from '@/lib/query/prefetch-report-queries';
import { readReportControls, readReportRange, utcDay } from '@/lib/metrics/report-range';

export const dynamic = 'force-dynamic';
// Generic on purpose: a title with the name would need the same checks as the page.
export const metadata: Metadata = { title: 'Location' };

type Params = Promise<{ locationId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * `/locations/[locationId]`: one location's numbers for a period (in the URL, like the roll-up).
 * Signed-out visitors go to sign in; a location that is not the user's, archived or unknown is a
 * 404 (the same answer for all three, so nothing leaks).
 */
export default async function LocationPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { locationId } = await params;
  const user = await requireSessionUser(`/locations/${encodeURIComponent(locationId)}`);
  if (!isPlausibleLocationId(locationId) || !canViewLocation(user, locationId)) notFound();
  const today = utcDay();
  const search = await searchParams;
  const range = readReportRange(search, today);
  const queryClient = makeQueryClient();
  // The user may view this location (checked above), so its data is read while the detail says
  // whether it still exists: one wait instead of two. For an archived or unknown location the
  // prefetched (empty) results are dropped with the 404.
  const [detail] = await Promise.all([
    getLocationDetail(db(), { locationId }),
    prefetchReportQueries(
      queryClient,
      user,
      range,
      { locationId },
      readReportControls(search).comparison,
    ),
    prefetchLocationBreakdowns(queryClient, range, locationId),
  ]);
  if (!detail) notFound();

  return (
    <>
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <LocationView detail={detail} today={today} staleAfterMinutes={staleAfterMinutes()} />
      </HydrationBoundary>
    </>
  );
}
