'use server';

import { z } from 'zod';
import { locationIdInputSchema } from '@/lib/location-id';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { AppError } from '@/lib/errors';
import { deleteLocationToken } from '@/lib/sync/delete-location-token';

/** Admins remove a location's own token; the location goes back to the agency token. */
export const removeLocationToken = authorizedAction({
  name: 'tokens/remove-location-token',
  input: z.object({ locationId: locationIdInputSchema }),
  roles: ['admin'],
  handler: async (input, { user, db }) => {
    const fingerprint = await deleteLocationToken(db, user, input.locationId);
    if (fingerprint === null)
      throw new AppError('not_found', 'This location has no token of its own.');
    return { removedFingerprint: fingerprint };
  },
});
