import { AgencyTokenRevokedError } from '@/lib/sync/access';
import { LocationBusyError } from '@/lib/sync/location-lock';
import { locationProblemLine } from '@/lib/sync/outcome-text';
import { SyncAbortedError } from '@/lib/sync/run-entity';
import { syncLocationLocked } from '@/lib/sync/sync-location-locked';
import { finishSyncRun, recordLocationDone } from '@/lib/sync/sync-runs';
import { isLocationComplete } from '@/lib/sync/types';
import { isRetryableJobError } from '../../errors';
import type { JobContext } from '../../types';
import type { SyncLocationPayload } from './sync-location';

export type LocationJobResult = {
  locationId: string;
  status: 'ok' | 'partial' | 'skipped' | 'busy' | 'failed';
  problem?: string | null;
};

/**
 * Syncs one location under its advisory lock and reports to the run. Idempotent: a re-run resumes
 * from the checkpoints and upserts by id. Retryable failures (database, a worker shutdown, lock
 * contention for a full sync) throw so pg-boss retries them with backoff; permanent ones (a
 * rejected agency token; per-entity access problems, already recorded in location_access) complete
 * the job with an output saying so. The run hears of a thrown failure once no retry follows.
 */
export async function handleSyncLocation(
  { locationId, mode, runId }: SyncLocationPayload,
  job: JobContext,
): Promise<LocationJobResult> {
  const ctx = job.services.sync;
  const isLastAttempt = job.attempt.retryCount >= job.attempt.retryLimit;
  const report = async (problem: string | null) => {
    if (runId) await recordLocationDone(ctx.db, runId, problem);
  };
  const location = await ctx.db.location.findUnique({
    where: { id: locationId },
    select: { id: true, name: true, archivedAt: true },
  });
  if (!location || location.archivedAt) {
    await report(null);
    return { locationId, status: 'skipped', problem: 'location unknown or archived' };
  }
  try {
    const outcome = await syncLocationLocked(ctx, location, {
      mode,
      runId,
      signal: job.signal,
      waitForLock: false,
    });
    // Stopped by a worker shutdown: fail the job so pg-boss retries it (it resumes from checkpoints).
    if (job.signal.aborted) throw new SyncAbortedError();
    const problem = locationProblemLine(outcome);
    await report(problem);
    return { locationId, status: isLocationComplete(outcome) ? 'ok' : 'partial', problem };
  } catch (error) {
    if (error instanceof LocationBusyError && mode === 'incremental') {
      // The sync holding the lock reads the same changes; nothing is lost by skipping.
      await report(null);
      return { locationId, status: 'busy' };
    }
    if (error instanceof AgencyTokenRevokedError) {
      await report(`${locationId}: agency token rejected`);
      if (runId) await finishSyncRun(ctx.db, runId, 'failed', error.message);
      return { locationId, status: 'failed', problem: error.message };
    }
    if (isLastAttempt || !isRetryableJobError(error))
      await report(`${locationId}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}
