'use server';

import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { endAllSessions } from '@/lib/users/end-all-sessions';

/**
 * "Sign out everywhere": ends every session of the signed-in user, on every device and this one
 * (a lost laptop, a shared computer). The user comes from the session, never from the input.
 */
export const signOutEverywhere = authorizedAction({
  name: 'account/sign-out-everywhere',
  input: z.object({}),
  handler: async (_input, { user, db }) => {
    await endAllSessions(db, user.id);
    return { signedOut: true as const };
  },
});
