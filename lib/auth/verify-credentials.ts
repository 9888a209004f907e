import 'server-only';
import { z } from 'zod';
import { verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { sessionStamp } from '@/lib/auth/session-user';
import {
  clearSignInFailures,
  lockedUntil,
  recordSignInFailure,
  SignInLockedError,
} from '@/lib/auth/sign-in-throttle';
import type { Db } from '@/lib/db/client';

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(3).max(320),
  password: z.string().min(1).max(1024),
});

/** What a successful sign-in puts into the session token. */
export type VerifiedUser = { id: string; email: string; name: string; stamp: string };

/**
 * Checks an email and password against the users table. Returns null for any mismatch — unknown
 * email or wrong password alike, in about the same time — so callers cannot tell which it was.
 * Failures are counted per submitted email (known or not); after `MAX_FAILURES` in a window the
 * email is locked and this throws `SignInLockedError` without looking at the password.
 *
 * @param secret the auth secret, which keys the session stamp
 * @param input the submitted credentials (untrusted)
 */
export async function verifyCredentials(
  db: Db,
  secret: string,
  input: unknown,
  now: Date = new Date(),
): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const until = await lockedUntil(db, email, now);
  if (until) throw new SignInLockedError(until);
  const user = await db.user.findUnique({ where: { email } });
  const matches = user
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password).then(() => false);
  if (!user || !matches) {
    await recordSignInFailure(db, email, now);
    return null;
  }
  await clearSignInFailures(db, email);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    stamp: sessionStamp(secret, user.id, user.passwordHash),
  };
}
