import { z } from 'zod';
import { syncModeSchema } from '@/lib/sync/types';
import { defineJob } from '../../define-job';

const payload = z.object({
  locationId: z.string().min(1),
  mode: syncModeSchema,
  /** The sync_runs row this job reports to (null when sent by hand). */
  runId: z.uuid().nullable(),
});
export type SyncLocationPayload = z.infer<typeof payload>;

/**
 * Sync one location under its advisory lock and report to the run.
 *
 * Queue policy: `short` (at most one *queued* job per singletonKey = location id) plus a
 * per-location advisory lock in the handler. Not `singleton`/`stately`: in pg-boss 10 a queued job
 * whose key is already active makes the fetch query hit the unique index, the error is swallowed
 * and the fetch returns nothing — every worker then stalls behind that one location (head-of-line
 * blocking, tests/sync/queue-policy.test.ts), and after a killed worker for as long as its job
 * takes to expire. The advisory lock is released the moment a worker dies.
 *
 * Incremental and full have their own singleton keys, so a queued incremental never swallows the
 * nightly full (the advisory lock runs them one after the other).
 */
export const syncLocation = defineJob({
  name: 'sync-location',
  payload,
  queue: {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    // pg-boss 10 has no heartbeat: a job is failed (and retried) when it runs longer than this.
    expireInSeconds: 2 * 3600,
  },
  singletonKey: (p) => (p.mode === 'full' ? `${p.locationId}:full` : p.locationId),
  // Locations in flight per worker process (SYNC_CONCURRENCY).
  concurrency: (settings) => settings.SYNC_CONCURRENCY,
  handler: () => import('./handle-sync-location').then((m) => m.handleSyncLocation),
});
