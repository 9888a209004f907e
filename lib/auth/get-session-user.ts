import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { redirect, unstable_rethrow } from 'next/navigation';
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
  let session: Session | null;
  try {
    session = await getServerSession(authOptions());
  } catch (error) {
    // next-auth throws for a hostile cookie (a callback URL it refuses): signed out, one line.
    unstable_rethrow(error);
    console.error(
      `[agency-pulse] session: refused (${error instanceof Error ? error.message.split('\n')[0]?.slice(0, 120) : 'unknown'})`,
    );
    return null;
  }
  const userId = session?.user?.id;
  if (!session || !userId) return null;
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
