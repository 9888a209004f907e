import 'server-only';

import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { nextSendAt } from '@/lib/reports/schedules/next-send-at';
import {
  scheduleInputSchema,
  sendRuleOf,
  type ScheduleInput,
} from '@/lib/reports/schedules/schedule-schema';

/**
 * Replaces a schedule's values and its burst recipients. Its next send is recomputed from `now`,
 * so an edit never sends for periods that fell due before it. Throws not_found for an unknown id.
 */
export async function updateSchedule(
  db: Db,
  id: string,
  input: ScheduleInput,
  now: Date = new Date(),
): Promise<void> {
  const { locationRecipients, ...values } = scheduleInputSchema.parse(input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.reportSchedule.updateMany({
      where: { id },
      data: {
        ...values,
        locationIds: values.coverage === 'all' ? [] : values.locationIds,
        periodDays: values.period === 'last-n-days' ? values.periodDays : null,
        weekday: values.cadence === 'weekly' ? values.weekday : null,
        monthDay: values.cadence === 'monthly' ? values.monthDay : null,
        nextSendAt: nextSendAt(sendRuleOf(values), now),
        updatedAt: now,
      },
    });
    if (count === 0) throw new AppError('not_found', 'No such schedule.');
    await tx.scheduleRecipient.deleteMany({ where: { scheduleId: id } });
    if (values.coverage === 'burst')
      await tx.scheduleRecipient.createMany({
        data: values.locationIds.map((locationId) => ({
          scheduleId: id,
          locationId,
          recipients: locationRecipients[locationId] ?? [],
        })),
      });
  });
}
