import { z } from 'zod';
import { defineJob } from '../../define-job';

/** What the schedule sends: nothing but where it came from. */
export const pruneSignInRecordsPayload = z.object({ trigger: z.literal('schedule') }).strict();

/**
 * Hourly: forgets sign-in failure rows untouched for a day (every unknown email tried adds one,
 * so without this the table only grows) and revoked sessions that have ended anyway.
 * Idempotent; a failed run is simply retried.
 */
export const pruneSignInRecordsJob = defineJob({
  name: 'prune-sign-in-records',
  payload: pruneSignInRecordsPayload,
  queue: {
    policy: 'short',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  },
  singletonKey: () => 'prune-sign-in-records',
  schedule: () => ({
    cron: '17 * * * *',
    data: { trigger: 'schedule' as const },
    singletonKey: 'prune-sign-in-records',
  }),
  handler: () => import('./handle-prune-sign-in-records').then((m) => m.handlePruneSignInRecords),
});
