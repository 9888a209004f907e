import { z } from 'zod';
import { defineJob } from '../../define-job';

const payload = z.object({
  locationId: z.string().min(1),
  entity: z.enum(['contacts', 'opportunities', 'transactions', 'orders', 'subscriptions']),
  recordId: z.string().min(1),
  /** `delete` removes the cached row; `upsert` re-reads the record by id (404 → removed). */
  action: z.enum(['upsert', 'delete']),
});
export type RefreshRecordPayload = z.infer<typeof payload>;

/**
 * "Re-read record X of location L": what a GHL webhook becomes (lib/webhooks). Policy `short`
 * with the record as singletonKey keeps at most one queued job per record, so a burst of events
 * (or redeliveries) for one record costs one request: the job reads the record as it is when it
 * runs, not as the event described it. Idempotent (GET by id + upsert, or a delete).
 */
export const refreshRecord = defineJob({
  name: 'refresh-record',
  payload,
  queue: {
    policy: 'short',
    retryLimit: 4,
    retryDelay: 20,
    retryBackoff: true,
    expireInSeconds: 300,
  },
  singletonKey: (p) => `${p.locationId}:${p.entity}:${p.recordId}`,
  // Single-record reads share each location's limiter with the sync in the same process.
  concurrency: (settings) => settings.SYNC_CONCURRENCY,
  handler: () => import('./handle-refresh-record').then((m) => m.handleRefreshRecord),
});
