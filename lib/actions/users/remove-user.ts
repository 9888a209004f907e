'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { removeUserById } from '@/lib/users/remove-user-by-id';

/** Admins remove a user (never the last admin); their sessions end at once. */
export const removeUser = authorizedAction({
  name: 'users/remove-user',
  input: z.object({ userId: z.uuid({ message: 'expected a user id' }) }),
  roles: ['admin'],
  handler: async (input, { user, db }) => {
    await removeUserById(db, user, input.userId);
    return { removed: true as const };
  },
});
