import 'server-only';
import { AgencyTokenRevokedError } from '../access';
import type { SyncContext } from '../context';
import { discoverLocations } from '../discover-locations';
import { busyLocations, LocationBusyError } from '../location-lock';
import { locationProblemLine } from '../outcome-text';
import { syncLocationLocked } from '../sync-location-locked';
import { createSyncRun, finishSyncRun, recordLocationDone, setRunTotal } from '../sync-runs';
import { SyncAbortedError } from '../run-entity';
import { isLocationComplete } from '../types';
import { sendSyncLocation, syncAgencyJob, syncLocationJob } from './definitions';
import type PgBoss from 'pg-boss';

/**
 * Job handlers. Idempotent: a location job re-run resumes from its checkpoints and upserts by id.
 * Retryable failures (database, lock contention for a full sync) throw so pg-boss retries them
 * with backoff; permanent ones (a rejected agency token, per-entity access problems — already
 * recorded in location_access) complete the job with an output saying so.
 */
export type SyncJobDeps = { ctx: SyncContext; boss: PgBoss; signal?: AbortSignal };

/** Whether pg-boss will run this job again after a failure. */
export type Attempt = { retryCount: number; retryLimit: number };

export type AgencyJobResult = {
  runId: string;
  status: 'queued' | 'failed';
  queued: number;
  skippedBusy: number;
  error?: string;
};
export type LocationJobResult = {
  locationId: string;
  status: 'ok' | 'partial' | 'skipped' | 'busy' | 'failed';
  problem?: string | null;
};

/**
 * Discovery, then one sync-location job per active location. Incremental jobs are not queued for
 * a location that is being synced right now (its running sync picks the changes up).
 */
export async function handleSyncAgency(deps: SyncJobDeps, data: unknown): Promise<AgencyJobResult> {
  const { mode, trigger } = syncAgencyJob.payload.parse(data);
  const { ctx } = deps;
  const runId = await createSyncRun(ctx.db, mode, trigger);
  let locations;
  try {
    ({ locations } = await discoverLocations(ctx, { signal: deps.signal }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishSyncRun(ctx.db, runId, 'failed', message);
    if (error instanceof AgencyTokenRevokedError)
      return { runId, status: 'failed', queued: 0, skippedBusy: 0, error: message };
    throw error;
  }
  await setRunTotal(ctx.db, runId, locations.length);
  const busy =
    mode === 'incremental'
      ? await busyLocations(
          ctx.db,
          locations.map((l) => l.id),
        )
      : new Set<string>();
  let queued = 0;
  for (const location of locations) {
    if (busy.has(location.id)) continue;
    if (await sendSyncLocation(deps.boss, { locationId: location.id, mode, runId })) queued += 1;
  }
  await setRunTotal(ctx.db, runId, queued);
  return { runId, status: 'queued', queued, skippedBusy: busy.size };
}

/** Syncs one location under its advisory lock and reports to the run. */
export async function handleSyncLocation(
  deps: SyncJobDeps,
  data: unknown,
  attempt: Attempt,
): Promise<LocationJobResult> {
  const { locationId, mode, runId } = syncLocationJob.payload.parse(data);
  const { ctx } = deps;
  const isLastAttempt = attempt.retryCount >= attempt.retryLimit;
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
      signal: deps.signal,
      waitForLock: false,
    });
    // Stopped by a worker shutdown: fail the job so pg-boss retries it (it resumes from checkpoints).
    if (deps.signal?.aborted) throw new SyncAbortedError();
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
    if (isLastAttempt)
      await report(`${locationId}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}
