import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { SettingsFrame } from '@/components/settings/settings-frame';
import { SyncNowView } from '@/components/settings/sync-now-view';
import { requireAdmin } from '@/lib/auth/require-admin';
import { db } from '@/lib/db/client';
import { getSyncProgress } from '@/lib/metrics/get-sync-progress';
import { makeQueryClient } from '@/lib/query/make-query-client';
import { syncProgressQueryOptions } from '@/lib/query/sync-progress-query';
import { listGrantableLocations } from '@/lib/users/list-grantable-locations';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sync now' };

/**
 * `/settings/sync` (admins): start a sync of the agency or one location, and follow the latest
 * run live (prefetched with the client's query options, so a reload shows it at once).
 */
export default async function SyncNowPage() {
  const user = await requireAdmin('/settings/sync');
  const queryClient = makeQueryClient();
  const [locations] = await Promise.all([
    listGrantableLocations(db()),
    queryClient.prefetchQuery({
      ...syncProgressQueryOptions(null),
      queryFn: async () => ({ progress: await getSyncProgress(db()) }),
      retry: false,
    }),
  ]);
  return (
    <SettingsFrame
      user={user}
      current="sync"
      title="Sync now"
      subtitle="The worker syncs on its schedule; start one now for the agency or a single location."
    >
      <HydrationBoundary state={dehydrate(queryClient)}>
        <SyncNowView locations={locations} />
      </HydrationBoundary>
    </SettingsFrame>
  );
}
