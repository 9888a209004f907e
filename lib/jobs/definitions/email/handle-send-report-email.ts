import 'server-only';

import { requireMailSettings } from '@/lib/env';
import { sendDelivery, type SendOutcome } from '@/lib/reports/delivery/send-delivery';
import type { JobContext } from '../../types';
import type { SendReportEmailPayload } from './send-report-email';

/** Sends the delivery with the process's mail settings (SMTP_URL, MAIL_FROM, APP_URL). */
export async function handleSendReportEmail(
  payload: SendReportEmailPayload,
  ctx: JobContext,
): Promise<SendOutcome> {
  const outcome = await sendDelivery(ctx.services.sync.db, payload.deliveryId, {
    settings: requireMailSettings(),
  });
  ctx.log(`send-report-email ${payload.deliveryId}: ${outcome.status}`);
  return outcome;
}
