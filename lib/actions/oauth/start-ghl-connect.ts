'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { AppError } from '@/lib/errors';
import { env, oauthSettings } from '@/lib/env';
import { CONNECT_STATE_COOKIE, CONNECT_STATE_COOKIE_PATH } from '@/lib/oauth/connect-cookie';
import { createConnectState, STATE_TTL_MS } from '@/lib/oauth/create-connect-state';

/**
 * Admins start "Connect GoHighLevel": a fresh `state` stored server-side for this admin and set
 * in an httpOnly cookie; the answer is GHL's authorize URL, which the page navigates to.
 */
export const startGhlConnect = authorizedAction({
  name: 'oauth/start-ghl-connect',
  input: z.object({}),
  roles: ['admin'],
  handler: async (_input, { user, db }) => {
    const settings = oauthSettings();
    if (!settings)
      throw new AppError(
        'conflict',
        'The GHL Marketplace app is not configured: set GHL_OAUTH_CLIENT_ID, GHL_OAUTH_CLIENT_SECRET and GHL_OAUTH_REDIRECT_URL, then restart the app.',
      );
    if (!env().APP_ENCRYPTION_KEY)
      throw new AppError(
        'conflict',
        'APP_ENCRYPTION_KEY is not set: the tokens could not be stored encrypted. Set it and restart the app.',
      );
    const { state, authorizeUrl } = await createConnectState(db, user.id, settings);
    (await cookies()).set(CONNECT_STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: settings.redirectUrl.startsWith('https://'),
      path: CONNECT_STATE_COOKIE_PATH,
      maxAge: STATE_TTL_MS / 1000,
    });
    return { authorizeUrl };
  },
});
