import { setMaxListeners } from 'node:events';
import { isGhlError } from '@/lib/ghl/errors';
import { AgencyTokenRevokedError } from './access';
import type { SyncContext } from './context';
import { discoverLocations, type DiscoveredLocation } from './discover-locations';
import { locationProblemLine } from './outcome-text';
import { syncLocationLocked } from './sync-location-locked';
import { createSyncRun, finishSyncRun, recordLocationDone, setRunTotal } from './sync-runs';
import {
  isLocationComplete,
  type LocationOutcome,
  type SyncMode,
  type SyncRunStatus,
} from './types';

export type RunSyncOptions = {
  mode: SyncMode;
  /** Only this location (it must be listed by GHL). */
  locationId?: string;
  /** Locations synced at the same time (SYNC_CONCURRENCY). */
  concurrency: number;
  /** Recorded in sync_runs.trigger, e.g. `cli`. */
  trigger: string;
  signal?: AbortSignal;
};

export type RunSyncResult = {
  runId: string;
  /** `ok`: everything synced; `partial`: some locations/entities unavailable; `failed`: fatal. */
  status: Exclude<SyncRunStatus, 'running'>;
  /** Why the run stopped (agency token rejected, discovery impossible, unknown location…). */
  fatal: string | null;
  locations: LocationOutcome[];
  archived: string[];
  /** Set when discovery failed and the cached location list was used instead. */
  discoveryWarning: string | null;
};

async function cachedLocations(ctx: SyncContext): Promise<DiscoveredLocation[]> {
  return ctx.db.location.findMany({
    where: { companyId: ctx.credentials.companyId, archivedAt: null },
    select: { id: true, name: true, timezone: true },
    orderBy: { id: 'asc' },
  });
}

/**
 * The whole-agency sync, in process (the CLI): discovery with the agency token, then every
 * active location (or one) with at most `concurrency` at a time, each under its advisory lock.
 * A rejected agency token aborts every location at once (`failed`, cached data untouched); other
 * problems stay with their location and entity (`partial`).
 */
export async function runSync(ctx: SyncContext, options: RunSyncOptions): Promise<RunSyncResult> {
  const runId = await createSyncRun(ctx.db, options.mode, options.trigger);
  const controller = new AbortController();
  // One signal for every location of the run (each listens once): not a listener leak.
  setMaxListeners(0, controller.signal);
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', forward, { once: true });
  const result: RunSyncResult = {
    runId,
    status: 'ok',
    fatal: null,
    locations: [],
    archived: [],
    discoveryWarning: null,
  };
  const fail = async (message: string) => {
    result.status = 'failed';
    result.fatal ??= message;
    await finishSyncRun(ctx.db, runId, 'failed', message);
    return result;
  };

  let targets: DiscoveredLocation[];
  try {
    const discovery = await discoverLocations(ctx, { signal: controller.signal });
    targets = discovery.locations;
    result.archived = discovery.archived;
  } catch (error) {
    if (error instanceof AgencyTokenRevokedError) return fail(error.message);
    if (!isGhlError(error)) throw error;
    targets = await cachedLocations(ctx);
    if (targets.length === 0)
      return fail(`Could not list the agency's locations: ${error.message}`);
    result.discoveryWarning = `Could not list the agency's locations (${error.message}); syncing the ${targets.length} cached ones.`;
    ctx.events.log?.(result.discoveryWarning);
  }
  if (options.locationId) {
    targets = targets.filter((l) => l.id === options.locationId);
    if (targets.length === 0)
      return fail(
        `Location ${options.locationId} is not listed by GHL for this agency (or is archived).`,
      );
  }
  await setRunTotal(ctx.db, runId, targets.length);
  ctx.events.onDiscovered?.({ total: targets.length, archived: result.archived });

  const queue = [...targets];
  const worker = async () => {
    for (let next = queue.shift(); next && !controller.signal.aborted; next = queue.shift()) {
      try {
        const outcome = await syncLocationLocked(ctx, next, {
          mode: options.mode,
          runId,
          signal: controller.signal,
          waitForLock: true,
        });
        result.locations.push(outcome);
        await recordLocationDone(ctx.db, runId, locationProblemLine(outcome));
      } catch (error) {
        if (error instanceof AgencyTokenRevokedError) {
          result.fatal ??= error.message;
          controller.abort(error);
          return;
        }
        if (controller.signal.aborted) return;
        controller.abort(error);
        throw error;
      }
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.concurrency, targets.length)) },
    worker,
  );
  const settled = await Promise.allSettled(workers);
  options.signal?.removeEventListener('abort', forward);
  const crash = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (crash) {
    const reason: unknown = crash.reason;
    await finishSyncRun(
      ctx.db,
      runId,
      'failed',
      reason instanceof Error ? reason.message : String(reason),
    );
    throw reason;
  }
  if (result.fatal) return fail(result.fatal);
  if (controller.signal.aborted)
    return fail('The sync was interrupted; it resumes from its checkpoints next time.');
  result.status = result.locations.every(isLocationComplete) ? 'ok' : 'partial';
  await finishSyncRun(ctx.db, runId, result.status, null);
  return result;
}
