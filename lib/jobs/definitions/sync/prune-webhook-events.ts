import { z } from 'zod';
import { defineJob } from '../../define-job';

/**
 * Hourly: forgets accepted webhook ids older than a day (the replay window refuses anything that
 * old anyway), so `webhook_events` stays small. Idempotent.
 */
export const pruneWebhookEventsJob = defineJob({
  name: 'prune-webhook-events',
  payload: z.object({ trigger: z.literal('schedule') }).strict(),
  queue: {
    policy: 'short',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 10 * 60,
  },
  singletonKey: () => 'prune-webhook-events',
  schedule: () => ({
    cron: '41 * * * *',
    data: { trigger: 'schedule' as const },
    singletonKey: 'prune-webhook-events',
  }),
  handler: () => import('./handle-prune-webhook-events').then((m) => m.handlePruneWebhookEvents),
});
