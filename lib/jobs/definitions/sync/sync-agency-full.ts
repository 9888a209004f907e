import { defineJob } from '../../define-job';
import {
  loadSyncAgencyHandler,
  syncAgencyPayload,
  syncAgencyQueue,
  syncAgencySingletonKey,
} from './sync-agency';

/** The full reconcile (deletions) of every location on SYNC_FULL_CRON (UTC, default 03:00). */
export const syncAgencyFull = defineJob({
  name: 'sync-agency-full',
  payload: syncAgencyPayload,
  queue: syncAgencyQueue,
  singletonKey: syncAgencySingletonKey,
  schedule: (settings) => ({
    cron: settings.SYNC_FULL_CRON,
    data: { mode: 'full' as const, trigger: 'schedule' },
    singletonKey: 'agency-full',
  }),
  handler: loadSyncAgencyHandler,
});
