import 'server-only';
import { z } from 'zod';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '@/lib/auth/password';
import { newSessionId, sessionStamp } from '@/lib/auth/session-user';
import {
  clearSignInFailures,
  LOCK_MS,
  reserveSignInAttempt,
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
 * Every attempt is reserved before the password is looked at — counted first, then decided on
 * its own count, then verified — per submitted email (known or not) and per client address when
 * known, so parallel attempts cannot all slip past the limit. An attempt beyond `MAX_FAILURES`
 * (or the address's budget) throws `SignInLockedError` without checking the password; a success
 * clears the email's count, and re-hashes a password stored at an older scrypt cost.
 *
 * @param secret the auth secret, which keys the session stamp
 * @param input the submitted credentials (untrusted)
 * @param clientAddress the client's address (lib/auth/client-address.ts), or null when unknown
 */
export async function verifyCredentials(
  db: Db,
  secret: string,
  input: unknown,
  now: Date = new Date(),
  clientAddress: string | null = null,
): Promise<VerifiedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const reservation = await reserveSignInAttempt(db, email, clientAddress, now);
  if (!reservation.allowed)
    throw new SignInLockedError(reservation.lockedUntil ?? new Date(now.getTime() + LOCK_MS));
  const user = await db.user.findUnique({ where: { email } });
  const matches = user
    ? await verifyPassword(password, user.passwordHash)
    : await verifyAgainstDummy(password).then(() => false);
  if (!user || !matches) return null;
  await clearSignInFailures(db, email, clientAddress);
  if (needsRehash(user.passwordHash)) {
    // A hash from before the current cost: replace it now that we hold the password. Only over the
    // hash just verified (a password change meanwhile wins); sessions are unaffected.
    await db.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash: await hashPassword(password) },
    });
  }
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    stamp: sessionStamp(secret, user.id, user.sessionVersion, newSessionId()),
  };
}
