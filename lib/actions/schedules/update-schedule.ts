'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { auditScheduleChange, scheduleAuditValue } from '@/lib/audit/audit-schedule-change';
import { scheduleEditSchema } from '@/lib/reports/schedules/schedule-form';
import { updateSchedule } from '@/lib/reports/schedules/update-schedule';

/** An admin edits a schedule; its next send is recomputed from now. */
export const updateReportSchedule = authorizedAction({
  name: 'schedules/update-schedule',
  input: scheduleEditSchema,
  roles: ['admin'],
  locationIds: (input) => input.locationIds,
  handler: async ({ id, ...values }, { db, user }) => {
    const before = await scheduleAuditValue(db, id);
    await updateSchedule(db, id, values);
    await auditScheduleChange(db, user, 'schedule.update', id, before);
    return { id };
  },
});
