'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { scheduleIdSchema } from '@/lib/reports/schedules/schedule-form';
import { setSchedulePaused } from '@/lib/reports/schedules/set-schedule-paused';

/** An admin resumes a schedule from its next send after now (missed sends are not caught up). */
export const resumeReportSchedule = authorizedAction({
  name: 'schedules/resume-schedule',
  input: scheduleIdSchema,
  roles: ['admin'],
  handler: async ({ id }, { db }) => {
    await setSchedulePaused(db, id, false);
    return { id, isPaused: false };
  },
});
