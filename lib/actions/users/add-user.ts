'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { addUser as addUserInDb } from '@/lib/users/add-user';
import { addUserSchema } from '@/lib/users/user-schema';

/**
 * Admins add a user (email, name, role, a staff member's locations). The answer carries the
 * one-time set-password link; this is the only time it is shown.
 */
export const addUser = authorizedAction({
  name: 'users/add-user',
  input: addUserSchema,
  roles: ['admin'],
  handler: async (input, { user, db }) => {
    const { user: added, link } = await addUserInDb(db, user, input);
    return {
      user: { id: added.id, email: added.email },
      link: { path: link.path, expiresAt: link.expiresAt.toISOString() },
    };
  },
});
