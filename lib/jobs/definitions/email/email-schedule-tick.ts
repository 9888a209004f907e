import { z } from 'zod';
import { defineJob } from '../../define-job';

/**
 * Every minute (UTC cron; each schedule's own zone is read by the tick, not by cron): recover
 * deliveries of dead workers, create the deliveries that fell due, and send every delivery whose
 * (next) attempt is due — including SMTP retries after their backoff and held ones to recheck.
 * Idempotent: deliveries are unique per (schedule, period, location) and claimed before sending.
 */
export const emailScheduleTick = defineJob({
  name: 'email-schedule-tick',
  payload: z.strictObject({}),
  queue: {
    policy: 'short',
    retryLimit: 1,
    retryDelay: 30,
    retryBackoff: false,
    expireInSeconds: 300,
  },
  singletonKey: () => 'email-tick',
  schedule: () => ({ cron: '* * * * *', data: {}, singletonKey: 'email-tick' }),
  handler: () => import('./handle-email-schedule-tick').then((m) => m.handleEmailScheduleTick),
});
