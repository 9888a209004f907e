'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { emailPasswordLink } from '@/lib/users/email-password-link';
import { resetUserPassword as resetUserPasswordInDb } from '@/lib/users/reset-user-password';

/** Admins issue a new one-time set-password link for a user; the answer is its only showing. */
export const resetUserPassword = authorizedAction({
  name: 'users/reset-user-password',
  input: z.object({ userId: z.uuid({ message: 'expected a user id' }) }),
  roles: ['admin'],
  handler: async (input, { user, db }) => {
    const link = await resetUserPasswordInDb(db, user, input.userId);
    const owner = await db.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { email: true, name: true },
    });
    // Also to the user when SMTP is configured; the admin sees the link either way.
    const emailed = await emailPasswordLink(owner, link);
    return { link: { path: link.path, expiresAt: link.expiresAt.toISOString(), emailed } };
  },
});
