import { queryOptions } from '@tanstack/react-query';
import type { SyncProgress } from '@/lib/metrics/get-sync-progress';
import { fetchJson } from '@/lib/query/fetch-json';
import { queryKeys } from '@/lib/query/query-keys';

/** The JSON endpoint behind Settings → Sync now (GET, admins only). */
export const SYNC_PROGRESS_PATH = '/api/sync/progress';

export type SyncProgressResponse = { progress: SyncProgress | null };

/** Polled every second while the run is running, then left alone. */
export const SYNC_PROGRESS_POLL_MS = 1_000;

/**
 * Query options for one run's progress (or the latest run's when `runId` is null). The page
 * prefetches with these options and its own `queryFn` calling lib/metrics directly.
 */
export function syncProgressQueryOptions(runId: string | null) {
  return queryOptions({
    queryKey: queryKeys.syncProgress(runId),
    queryFn: ({ signal }) =>
      fetchJson<SyncProgressResponse>(
        runId ? `${SYNC_PROGRESS_PATH}?run=${encodeURIComponent(runId)}` : SYNC_PROGRESS_PATH,
        signal,
      ),
    refetchInterval: (query) =>
      query.state.data?.progress?.isRunning ? SYNC_PROGRESS_POLL_MS : false,
  });
}
