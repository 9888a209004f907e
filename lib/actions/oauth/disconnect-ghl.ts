'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { AppError } from '@/lib/errors';
import { disconnectGhl as disconnectGhlInDb } from '@/lib/oauth/disconnect-ghl';

/**
 * Admins disconnect the GHL Marketplace app (after a confirmation on /settings/connect): the
 * stored agency tokens and cached location tokens are deleted, audited; cached data stays.
 */
export const disconnectGhl = authorizedAction({
  name: 'oauth/disconnect-ghl',
  input: z.object({}),
  roles: ['admin'],
  handler: async (_input, { user, db }) => {
    const result = await disconnectGhlInDb(db, user);
    if (!result.wasConnected)
      throw new AppError(
        'not_found',
        'GoHighLevel is not connected: there is nothing to disconnect.',
      );
    return { locationTokens: result.locationTokens };
  },
});
