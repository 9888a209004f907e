import { AgencyTokenRevokedError } from '@/lib/sync/access';
import { discoverLocations } from '@/lib/sync/discover-locations';
import { env } from '@/lib/env';
import { busyLocations } from '@/lib/sync/location-lock';
import { locationsFedByWebhooks } from '@/lib/sync/locations-fed-by-webhooks';
import { createSyncRun, finishSyncRun, setRunTotal } from '@/lib/sync/sync-runs';
import type { JobContext } from '../../types';
import type { SyncAgencyPayload } from './sync-agency';
import { syncLocation } from './sync-location';

export type AgencyJobResult = {
  runId: string;
  status: 'queued' | 'failed';
  queued: number;
  skippedBusy: number;
  error?: string;
};

/**
 * Discovery, then one sync-location job per active location, reporting to the run the sender
 * opened (Sync now) or to a new one. Incremental jobs are not queued for
 * a location that is being synced right now (its running sync picks the changes up).
 * A rejected agency token completes the job with a failed run (the next tick tries again); other
 * discovery failures fail the run and are thrown (retried when retryable).
 */
export async function handleSyncAgency(
  { mode, trigger, runId: givenRunId }: SyncAgencyPayload,
  job: JobContext,
): Promise<AgencyJobResult> {
  const ctx = job.services.sync;
  const runId = givenRunId ?? (await createSyncRun(ctx.db, mode, trigger));
  let locations;
  try {
    ({ locations } = await discoverLocations(ctx, { signal: job.signal }));
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
  // Scheduled ticks poll locations whose webhooks flow less often (docs/sync.md, "Webhooks").
  const fed =
    mode === 'incremental' && trigger === 'schedule'
      ? await locationsFedByWebhooks(
          ctx.db,
          locations.map((l) => l.id),
          ctx.now(),
          env().SYNC_INCREMENTAL_EVERY_MINUTES,
        )
      : new Set<string>();
  let queued = 0;
  for (const location of locations) {
    if (busy.has(location.id) || fed.has(location.id)) continue;
    if (await job.enqueue(syncLocation, { locationId: location.id, mode, runId })) queued += 1;
  }
  await setRunTotal(ctx.db, runId, queued);
  return { runId, status: 'queued', queued, skippedBusy: busy.size };
}
