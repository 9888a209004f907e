import { z } from 'zod';
import { defineJob } from '../../define-job';

const payload = z.strictObject({ deliveryId: z.uuid() });
export type SendReportEmailPayload = z.infer<typeof payload>;

/**
 * Sends one delivery row (lib/reports/delivery/send-delivery.ts). The row, not the job, carries
 * the state: the handler claims it before SMTP, so a job run twice (pg-boss retries after a
 * crash) finds the row taken, sent or uncertain and sends nothing. SMTP retries are the row's own
 * (capped backoff, picked up by the tick), so pg-boss retries only crashes and database errors.
 * `short`: at most one queued job per delivery.
 */
export const sendReportEmail = defineJob({
  name: 'send-report-email',
  payload,
  queue: {
    policy: 'short',
    retryLimit: 2,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 300,
  },
  singletonKey: (p) => p.deliveryId,
  concurrency: () => 8,
  handler: () => import('./handle-send-report-email').then((m) => m.handleSendReportEmail),
});
