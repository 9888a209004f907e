import 'server-only';

import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { nextSendAt } from '@/lib/reports/schedules/next-send-at';
import { readReportSchedule } from '@/lib/reports/schedules/report-schedule';

/** Why a recalled delivery was not sent (its `last_error`, shown in the delivery log). */
export const RECALLED_MESSAGE = 'Recalled: the schedule was paused before this email was sent.';

/**
 * Pauses or resumes a schedule. Pausing also recalls its deliveries that no worker has claimed
 * yet — `queued` (also one waiting for a retry) or `held` by the freshness gate — by making them
 * `cancelled`, in the same transaction: nothing more of the schedule goes out. A delivery already
 * `sending` finishes (its SMTP conversation may have started), and a "Send test now" is left
 * alone. The claim (`send-delivery.ts`) and the recall both change only rows still queued or
 * held, so PostgreSQL's row lock lets exactly one of them win. A recalled delivery stays
 * cancelled: resuming does not bring it back, like any send that fell due while paused.
 *
 * A resumed schedule's next send is the next one after `now`: sends that fell due while it was
 * paused are not caught up. Returns how many deliveries were recalled.
 */
export async function setSchedulePaused(
  db: Db,
  id: string,
  isPaused: boolean,
  now: Date = new Date(),
): Promise<{ recalled: number }> {
  const row = await db.reportSchedule.findUnique({ where: { id } });
  if (!row) throw new AppError('not_found', 'No such schedule.');
  const schedule = readReportSchedule(row);
  const update = db.reportSchedule.update({
    where: { id },
    data: {
      isPaused,
      updatedAt: now,
      ...(isPaused ? {} : { nextSendAt: nextSendAt(schedule.sendRule, now) }),
    },
  });
  if (!isPaused) {
    await update;
    return { recalled: 0 };
  }
  const [, recalled] = await db.$transaction([
    update,
    db.$executeRaw`
      UPDATE report_deliveries
      SET status = 'cancelled', phase = NULL, lease_expires_at = NULL,
          last_error = ${RECALLED_MESSAGE}, updated_at = ${now}
      WHERE schedule_id = ${id}::uuid AND status IN ('queued', 'held')
        AND location_key NOT LIKE 'test:%'`,
  ]);
  return { recalled };
}
