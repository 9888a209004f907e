'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { addUser as addUserInDb } from '@/lib/users/add-user';
import { emailPasswordLink } from '@/lib/users/email-password-link';
import { addUserSchema } from '@/lib/users/user-schema';

/**
 * Admins add a user (email, name, role, a staff member's locations). The answer carries the
 * one-time set-password link; this is the only time it is shown (it is also emailed to the user
 * when SMTP is configured).
 */
export const addUser = authorizedAction({
  name: 'users/add-user',
  input: addUserSchema,
  roles: ['admin'],
  handler: async (input, { user, db }) => {
    const { user: added, link } = await addUserInDb(db, user, input);
    // Also to the user when SMTP is configured; the admin sees the link either way.
    const emailed = await emailPasswordLink(added, link);
    return {
      user: { id: added.id, email: added.email },
      link: { path: link.path, expiresAt: link.expiresAt.toISOString(), emailed },
    };
  },
});
