import 'server-only';

import { notFound } from 'next/navigation';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import type { SessionUser } from '@/lib/auth/session-user';

/**
 * The signed-in admin for a settings page: a redirect to /login when signed out, and "not found"
 * for staff (the settings pages do not exist for them, as other locations' pages do not).
 */
export async function requireAdmin(returnTo: string): Promise<SessionUser> {
  const user = await requireSessionUser(returnTo);
  if (user.role !== 'admin') notFound();
  return user;
}
