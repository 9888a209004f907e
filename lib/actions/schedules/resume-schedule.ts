'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { auditScheduleChange, scheduleAuditValue } from '@/lib/audit/audit-schedule-change';
import { scheduleIdSchema } from '@/lib/reports/schedules/schedule-form';
import { setSchedulePaused } from '@/lib/reports/schedules/set-schedule-paused';

/** An admin resumes a schedule from its next send after now (missed sends are not caught up). */
export const resumeReportSchedule = authorizedAction({
  name: 'schedules/resume-schedule',
  input: scheduleIdSchema,
  roles: ['admin'],
  handler: async ({ id }, { db, user }) => {
    const before = await scheduleAuditValue(db, id);
    await setSchedulePaused(db, id, false);
    await auditScheduleChange(db, user, 'schedule.resume', id, before);
    return { id, isPaused: false };
  },
});
