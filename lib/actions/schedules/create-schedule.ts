'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { auditScheduleChange } from '@/lib/audit/audit-schedule-change';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import { scheduleFormSchema } from '@/lib/reports/schedules/schedule-form';

/** An admin creates an email report schedule (errors per field from the zod schema). */
export const createReportSchedule = authorizedAction({
  name: 'schedules/create-schedule',
  input: scheduleFormSchema,
  roles: ['admin'],
  locationIds: (input) => input.locationIds,
  handler: async (input, { db, user }) => {
    const id = await createSchedule(db, input);
    await auditScheduleChange(db, user, 'schedule.create', id, null);
    return { id };
  },
});
