import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { SyncHealthView } from '@/components/health/sync-health-view';
import { AppHeader } from '@/components/layout/app-header';
import { allowedLocationIds } from '@/lib/auth/allowed-location-ids';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { makeQueryClient } from '@/lib/query/make-query-client';
import { syncHealthQueryOptions } from '@/lib/query/sync-health-query';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sync health' };

/**
 * `/health`: the last sync run and, per location the user may see, freshness, token, access
 * problems with their fix, and API usage. Prefetched with the client's query options.
 */
export default async function SyncHealthPage() {
  const user = await requireSessionUser('/health');
  const queryClient = makeQueryClient();
  // The browser retries; the first paint should not wait for it.
  await queryClient.prefetchQuery({
    ...syncHealthQueryOptions(),
    queryFn: () => getSyncHealth(db(), { locationIds: allowedLocationIds(user) ?? undefined }),
    retry: false,
  });

  return (
    <>
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} current="health" />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SyncHealthView seesAllLocations={user.role === 'admin'} />
      </HydrationBoundary>
    </>
  );
}
