import 'server-only';

import type { Db } from '@/lib/db/client';
import { nextSendAt } from '@/lib/reports/schedules/next-send-at';
import {
  scheduleInputSchema,
  sendRuleOf,
  type ScheduleInput,
} from '@/lib/reports/schedules/schedule-schema';

/**
 * Stores a schedule (validated with `scheduleInputSchema`) and its burst recipients, its first
 * send the next one after `now`. Returns the new id.
 */
export async function createSchedule(
  db: Db,
  input: ScheduleInput,
  now: Date = new Date(),
): Promise<string> {
  const { locationRecipients, ...values } = scheduleInputSchema.parse(input);
  return db.$transaction(
    async (tx) => {
      const created = await tx.reportSchedule.create({
        data: {
          ...values,
          locationIds: values.coverage === 'all' ? [] : values.locationIds,
          periodDays: values.period === 'last-n-days' ? values.periodDays : null,
          weekday: values.cadence === 'weekly' ? values.weekday : null,
          monthDay: values.cadence === 'monthly' ? values.monthDay : null,
          nextSendAt: nextSendAt(sendRuleOf(values), now),
        },
        select: { id: true },
      });
      if (values.coverage === 'burst') {
        await tx.scheduleRecipient.createMany({
          data: values.locationIds.map((locationId) => ({
            scheduleId: created.id,
            locationId,
            recipients: locationRecipients[locationId] ?? [],
          })),
        });
      }
      return created.id;
      // One recipients row per burst location: more than Prisma's default 5 s on a busy machine.
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
