import { queryOptions } from '@tanstack/react-query';
import type { SyncHealthResult } from '@/lib/metrics/get-sync-health';
import { fetchJson } from '@/lib/query/fetch-json';
import { queryKeys } from '@/lib/query/query-keys';

/** The JSON endpoint behind the sync health page (GET, session cookie, restricted to the user). */
export const SYNC_HEALTH_PATH = '/api/health/sync';

/**
 * Query options for the sync health page. The page prefetches with these options and its own
 * `queryFn` (calling lib/metrics directly); a sync changes the figures, so they refresh each minute.
 */
export function syncHealthQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.syncHealth(),
    queryFn: ({ signal }) => fetchJson<SyncHealthResult>(SYNC_HEALTH_PATH, signal),
    refetchInterval: 60_000,
  });
}
