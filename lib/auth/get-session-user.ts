import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authConfigProblem, authOptions } from '@/lib/auth/auth-options';
import { loadSessionUser, type SessionUser } from '@/lib/auth/session-user';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { db } from '@/lib/db/client';
import { requireAuthSecret } from '@/lib/env';

/**
 * The signed-in user (with role and allowed locations, fresh from the database) for server
 * components and route handlers, or null when signed out, when the session is stale, or when
 * sign-in is not configured. Cached per request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  if (authConfigProblem()) return null;
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  return loadSessionUser(db(), requireAuthSecret(), userId, session.stamp);
});

/**
 * The signed-in user, or a redirect to /login that comes back to `returnTo` afterwards. For pages;
 * route handlers answer 401 instead (see authorizeReportRequest).
 */
export async function requireSessionUser(returnTo = '/'): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(returnTo))}`);
  return user;
}
