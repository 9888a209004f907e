import { z } from 'zod';
import { defineJob } from '../../define-job';

/** What the schedule sends: nothing but where it came from. */
export const pruneSignInFailuresPayload = z.object({ trigger: z.literal('schedule') }).strict();

/**
 * Hourly: forgets sign-in failure rows untouched for a day (every unknown email tried adds one,
 * so without this the table only grows). Idempotent; a failed run is simply retried.
 */
export const pruneSignInFailuresJob = defineJob({
  name: 'prune-sign-in-failures',
  payload: pruneSignInFailuresPayload,
  queue: {
    policy: 'short',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  },
  singletonKey: () => 'prune-sign-in-failures',
  schedule: () => ({
    cron: '17 * * * *',
    data: { trigger: 'schedule' as const },
    singletonKey: 'prune-sign-in-failures',
  }),
  handler: () => import('./handle-prune-sign-in-failures').then((m) => m.handlePruneSignInFailures),
});
