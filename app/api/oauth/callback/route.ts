import { cookies } from 'next/headers';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { CONNECT_STATE_COOKIE, CONNECT_STATE_COOKIE_PATH } from '@/lib/oauth/connect-cookie';
import { completeConnectFromEnv } from '@/lib/oauth/complete-connect-from-env';

export const dynamic = 'force-dynamic';

const param = (url: URL, name: string) => url.searchParams.get(name)?.slice(0, 2048) || null;

/**
 * Where GHL sends the admin back after authorizing (GHL_OAUTH_REDIRECT_URL): checks the state,
 * exchanges the code and stores the tokens (lib/oauth/complete-connect.ts), then redirects to
 * the settings page with the outcome's code — never GHL's text. Signed out: to sign-in, then back
 * to the settings page; staff: not found.
 */
export const GET = route(async (request) => {
  const url = new URL(request.url);
  const user = await getSessionUser();
  if (!user)
    return new Response(null, {
      status: 303,
      headers: { Location: `/login?callbackUrl=${encodeURIComponent('/settings/connect')}` },
    });
  if (user.role !== 'admin') throw new AppError('not_found', 'Not found.');
  const jar = await cookies();
  const result = await completeConnectFromEnv({
    user: { id: user.id, email: user.email },
    code: param(url, 'code'),
    state: param(url, 'state'),
    error: param(url, 'error'),
    cookieState: jar.get(CONNECT_STATE_COOKIE)?.value ?? null,
  });
  jar.delete({ name: CONNECT_STATE_COOKIE, path: CONNECT_STATE_COOKIE_PATH });
  const outcome = new URLSearchParams();
  if (result.ok) outcome.set('connected', '1');
  else {
    outcome.set('error', result.failure);
    if (typeof result.status === 'number') outcome.set('status', String(result.status));
  }
  // A relative Location: right behind any proxy, whatever host the request named.
  return new Response(null, {
    status: 303,
    headers: { Location: `/settings/connect?${outcome}`, 'Cache-Control': 'no-store' },
  });
});
