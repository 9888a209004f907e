import { defineJob } from '../../define-job';
import { everyMinutesCron } from './every-minutes-cron';
import {
  loadSyncAgencyHandler,
  syncAgencyPayload,
  syncAgencyQueue,
  syncAgencySingletonKey,
} from './sync-agency';

/**
 * The agency sync on its incremental schedule, every SYNC_INCREMENTAL_EVERY_MINUTES (UTC).
 * pg-boss 10 keeps one schedule per queue name, so each schedule has its own queue.
 */
export const syncAgencyIncremental = defineJob({
  name: 'sync-agency-incremental',
  payload: syncAgencyPayload,
  queue: syncAgencyQueue,
  singletonKey: syncAgencySingletonKey,
  schedule: (settings) => ({
    cron: everyMinutesCron(settings.SYNC_INCREMENTAL_EVERY_MINUTES),
    data: { mode: 'incremental' as const, trigger: 'schedule' },
    singletonKey: 'agency-incremental',
  }),
  handler: loadSyncAgencyHandler,
});
