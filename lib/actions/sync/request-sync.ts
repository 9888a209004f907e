'use server';

import { z } from 'zod';
import { locationIdSchema } from '@/lib/location-id';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { requestSyncNow } from '@/lib/jobs/request-sync-now';
import { syncModeSchema } from '@/lib/sync/types';

/**
 * Admins press "Sync now" for the agency or one location. The answer is the run to follow, or,
 * while a sync runs already, that run and `already_running` (nothing is queued).
 */
export const requestSync = authorizedAction({
  name: 'sync/request-sync',
  input: z.object({
    mode: syncModeSchema.default('incremental'),
    /** Empty or absent: the whole agency. */
    locationId: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || null)
      .pipe(locationIdSchema.nullable()),
  }),
  roles: ['admin'],
  handler: async (input, { user, db }) => requestSyncNow(db, user, input),
});
