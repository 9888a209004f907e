'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { auditScheduleChange, scheduleAuditValue } from '@/lib/audit/audit-schedule-change';
import { scheduleIdSchema } from '@/lib/reports/schedules/schedule-form';
import { setSchedulePaused } from '@/lib/reports/schedules/set-schedule-paused';

/** An admin pauses a schedule: no new deliveries until it is resumed. */
export const pauseReportSchedule = authorizedAction({
  name: 'schedules/pause-schedule',
  input: scheduleIdSchema,
  roles: ['admin'],
  handler: async ({ id }, { db, user }) => {
    const before = await scheduleAuditValue(db, id);
    await setSchedulePaused(db, id, true);
    await auditScheduleChange(db, user, 'schedule.pause', id, before);
    return { id, isPaused: true };
  },
});
