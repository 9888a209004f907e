import { hasDailyBudget } from '@/lib/sync/has-daily-budget';
import { refreshRecord, type RefreshOutcome } from '@/lib/sync/refresh-record';
import type { JobContext } from '../../types';
import type { RefreshRecordPayload } from './refresh-record';

export type RefreshRecordResult = {
  status: RefreshOutcome | 'skipped' | 'deferred';
  requests: number;
};

/**
 * Applies one webhook hint: re-reads the record by id with the location's credential (or applies
 * a delete), upserts it, and recomputes the rollups of the local days it touched. Budget-aware: a
 * location whose daily budget is nearly spent is left to the next incremental sync (`deferred`),
 * so hints never starve the polling that is the safety net. GHL errors that a retry cannot fix
 * (revoked token, missing scope, malformed record) end the job at once (the worker reads
 * `isRetryable`); 5xx, timeouts and database errors are retried with backoff.
 */
export async function handleRefreshRecord(
  payload: RefreshRecordPayload,
  job: JobContext,
): Promise<RefreshRecordResult> {
  const ctx = job.services.sync;
  const location = await ctx.db.location.findUnique({
    where: { id: payload.locationId },
    select: { archivedAt: true },
  });
  // Not discovered yet (the next sync reads it whole) or archived (not synced): nothing to do.
  if (!location || location.archivedAt) return { status: 'skipped', requests: 0 };
  if (payload.action !== 'delete' && !(await hasDailyBudget(ctx, payload.locationId)))
    return { status: 'deferred', requests: 0 };
  const result = await refreshRecord(ctx, payload, { signal: job.signal });
  if (result.instants.length > 0) await ctx.recompute(ctx.db, payload.locationId, result.instants);
  return { status: result.outcome, requests: result.requests };
}
