'use server';

import { authorizedAction } from '@/lib/actions/authorized-action';
import { changeOwnPassword, changePasswordSchema } from '@/lib/users/change-own-password';

/**
 * "Your account": a signed-in user (admin or staff) changes their own password. The user comes
 * from the session, never from the input, so nobody can change someone else's.
 */
export const changePassword = authorizedAction({
  name: 'account/change-password',
  input: changePasswordSchema,
  handler: async (input, { user, db }) => {
    await changeOwnPassword(db, user.id, input);
    return { changed: true as const };
  },
});
