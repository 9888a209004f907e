import { z } from 'zod';
import { defineJob } from '../../define-job';
import type { JobQueuePolicy } from '../../types';
import { syncModeSchema } from '@/lib/sync/types';

/** The payload of every agency-wide sync (sent by hand or by the two schedules). */
export const syncAgencyPayload = z.object({
  mode: syncModeSchema,
  trigger: z.string().default('schedule'),
  /** A sync_runs row opened by the sender (Sync now), so its page can follow it; else one is opened. */
  runId: z.uuid().optional(),
});
export type SyncAgencyPayload = z.infer<typeof syncAgencyPayload>;

export const syncAgencyQueue: JobQueuePolicy = {
  policy: 'short',
  retryLimit: 3,
  retryDelay: 60,
  retryBackoff: true,
  expireInSeconds: 1800,
};

/** One queued agency sync per mode. */
export const syncAgencySingletonKey = (payload: SyncAgencyPayload) => `agency-${payload.mode}`;

/** Lazily loaded: discovery, then one sync-location job per active location. */
export const loadSyncAgencyHandler = () =>
  import('./handle-sync-agency').then((m) => m.handleSyncAgency);

/** Discover locations and queue one sync-location job each (sent by hand). */
export const syncAgency = defineJob({
  name: 'sync-agency',
  payload: syncAgencyPayload,
  queue: syncAgencyQueue,
  singletonKey: syncAgencySingletonKey,
  handler: loadSyncAgencyHandler,
});
