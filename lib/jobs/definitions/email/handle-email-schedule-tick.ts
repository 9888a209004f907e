import 'server-only';

import { env } from '@/lib/env';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { readyDeliveryIds } from '@/lib/reports/delivery/ready-delivery-ids';
import { recoverStaleDeliveries } from '@/lib/reports/delivery/recover-stale-deliveries';
import type { JobContext } from '../../types';
import { sendReportEmail } from './send-report-email';

export type EmailTickResult = {
  created: number;
  requeued: number;
  uncertain: number;
  sent: number;
};

/** One tick: recover, create due deliveries, queue a send job for each ready delivery. */
export async function handleEmailScheduleTick(
  _payload: Record<string, never>,
  ctx: JobContext,
): Promise<EmailTickResult> {
  const settings = env();
  if (!settings.MAIL_FROM || !settings.SMTP_URL) {
    ctx.log('email-schedule-tick: SMTP_URL or MAIL_FROM is not set; no email is sent');
    return { created: 0, requeued: 0, uncertain: 0, sent: 0 };
  }
  const { db } = ctx.services.sync;
  const now = new Date();
  const recovered = await recoverStaleDeliveries(db, now);
  const due = await createDueDeliveries(db, { now, mailFrom: settings.MAIL_FROM });
  const ready = await readyDeliveryIds(db, now);
  for (const deliveryId of ready) await ctx.enqueue(sendReportEmail, { deliveryId });
  return {
    created: due.created,
    requeued: recovered.requeued,
    uncertain: recovered.uncertain,
    sent: ready.length,
  };
}
