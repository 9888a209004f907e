import 'server-only';

import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { nextSendAt } from '@/lib/reports/schedules/next-send-at';
import { readReportSchedule } from '@/lib/reports/schedules/report-schedule';

/**
 * Pauses or resumes a schedule. A resumed schedule's next send is the next one after `now`:
 * sends that fell due while it was paused are not caught up.
 */
export async function setSchedulePaused(
  db: Db,
  id: string,
  isPaused: boolean,
  now: Date = new Date(),
): Promise<void> {
  const row = await db.reportSchedule.findUnique({ where: { id } });
  if (!row) throw new AppError('not_found', 'No such schedule.');
  const schedule = readReportSchedule(row);
  await db.reportSchedule.update({
    where: { id },
    data: {
      isPaused,
      updatedAt: now,
      ...(isPaused ? {} : { nextSendAt: nextSendAt(schedule.sendRule, now) }),
    },
  });
}
