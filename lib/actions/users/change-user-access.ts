'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { changeUserAccess as changeUserAccessInDb } from '@/lib/users/change-user-access';
import { userAccessSchema } from '@/lib/users/user-schema';

/** Admins change a user's role and location grants; effective on the user's next request. */
export const changeUserAccess = authorizedAction({
  name: 'users/change-user-access',
  input: z.intersection(
    z.object({ userId: z.uuid({ message: 'expected a user id' }) }),
    userAccessSchema,
  ),
  roles: ['admin'],
  handler: async (input, { user, db }) => {
    const result = await changeUserAccessInDb(db, user, input.userId, {
      role: input.role,
      locationIds: input.locationIds,
    });
    return {
      changed: result.changed,
      role: result.after.role,
      locationIds: result.after.locationIds,
    };
  },
});
