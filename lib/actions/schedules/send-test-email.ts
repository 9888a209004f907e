'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { requireMailSettings } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createTestDelivery } from '@/lib/reports/delivery/create-test-delivery';
import { sendDelivery } from '@/lib/reports/delivery/send-delivery';
import { scheduleIdSchema } from '@/lib/reports/schedules/schedule-form';

/**
 * "Send test now": the schedule's email for the period a send now would cover, sent at once to
 * the signed-in admin only (the address comes from the session, never the input). It is logged
 * as a test and is not the period's delivery.
 */
export const sendTestEmail = authorizedAction({
  name: 'schedules/send-test-email',
  input: scheduleIdSchema,
  roles: ['admin'],
  handler: async ({ id }, { db, user }) => {
    // An unknown schedule is the caller's mistake (404), whatever the mail settings.
    if (!(await db.reportSchedule.findUnique({ where: { id }, select: { id: true } })))
      throw new AppError('not_found', 'No such schedule.');
    const settings = requireMailSettings();
    const deliveryId = await createTestDelivery(db, {
      scheduleId: id,
      to: user.email,
      mailFrom: settings.from,
    });
    const outcome = await sendDelivery(db, deliveryId, { settings });
    return { deliveryId, status: outcome.status, to: user.email };
  },
});
