import 'server-only';

import { randomUUID } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { deliveryMessageId } from '@/lib/reports/delivery/delivery-message-id';
import { readReportSchedule } from '@/lib/reports/schedules/report-schedule';
import { reportPeriodAt } from '@/lib/reports/schedules/report-period';

/**
 * A "send test now" delivery: the schedule's email for the period a send now would report, to
 * one address only (the admin who asked). Its location key is `test:<uuid>`, so it is never the
 * period's delivery and the period's real email still goes out. Returns the delivery id.
 */
export async function createTestDelivery(
  db: Db,
  options: { scheduleId: string; to: string; mailFrom: string; now?: Date },
): Promise<string> {
  const now = options.now ?? new Date();
  const row = await db.reportSchedule.findUnique({ where: { id: options.scheduleId } });
  if (!row) throw new AppError('not_found', 'No such schedule.');
  const schedule = readReportSchedule(row);
  const period = reportPeriodAt(schedule.periodRule, now, schedule.timezone);
  const locationKey = `test:${randomUUID()}`;
  const created = await db.reportDelivery.create({
    data: {
      scheduleId: schedule.id,
      periodFrom: new Date(`${period.from}T00:00:00Z`),
      periodTo: new Date(`${period.to}T00:00:00Z`),
      locationKey,
      status: 'queued',
      dueAt: now,
      nextAttemptAt: now,
      toAddresses: [options.to],
      messageId: deliveryMessageId(
        { scheduleId: schedule.id, periodFrom: period.from, periodTo: period.to, locationKey },
        options.mailFrom,
      ),
    },
    select: { id: true },
  });
  return created.id;
}
