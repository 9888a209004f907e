'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { resendDelivery } from '@/lib/reports/delivery/resend-delivery';
import { AppError } from '@/lib/errors';

/**
 * An admin resends an `uncertain` (or `failed`) delivery: the stored email, same Message-ID,
 * queued for the worker's next tick.
 */
export const resendReportDelivery = authorizedAction({
  name: 'schedules/resend-delivery',
  input: z.object({ deliveryId: z.uuid({ message: 'expected a delivery id' }) }),
  roles: ['admin'],
  handler: async ({ deliveryId }, { db }) => {
    if (!(await resendDelivery(db, deliveryId)))
      throw new AppError('conflict', 'Only an uncertain or failed delivery can be resent.');
    return { deliveryId };
  },
});
