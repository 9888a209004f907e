'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { auditScheduleChange, scheduleAuditValue } from '@/lib/audit/audit-schedule-change';
import { deleteSchedule } from '@/lib/reports/schedules/delete-schedule';
import { scheduleIdSchema } from '@/lib/reports/schedules/schedule-form';

/** An admin deletes a schedule and its delivery log. */
export const deleteReportSchedule = authorizedAction({
  name: 'schedules/delete-schedule',
  input: scheduleIdSchema,
  roles: ['admin'],
  handler: async ({ id }, { db, user }) => {
    const before = await scheduleAuditValue(db, id);
    await deleteSchedule(db, id);
    await auditScheduleChange(db, user, 'schedule.delete', id, before);
    return { id };
  },
});
