import 'server-only';
import type { Db } from '@/lib/db/client';
import { SIGN_IN_LOCKED_CODE } from './sign-in-locked-code';

/** Failed sign-ins allowed per email within `WINDOW_MS` before it is locked. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
/** How long an email stays locked after the last allowed failure. */
export const LOCK_MS = 15 * 60_000;
/** Rows untouched for this long are forgotten (emails nobody tries any more). */
const FORGET_MS = 24 * 60 * 60_000;

/** When this email may try again, or null when it is not locked. */
export async function lockedUntil(db: Db, email: string, now: Date): Promise<Date | null> {
  const row = await db.signInFailure.findUnique({ where: { email } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/**
 * Counts one failed sign-in for `email` in a single statement (concurrent attempts cannot race
 * past the limit): a new window starts when the last one has passed, and the failure that reaches
 * `MAX_FAILURES` locks the email for `LOCK_MS`. Also forgets rows idle for a day.
 */
export async function recordSignInFailure(db: Db, email: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockEnd = new Date(now.getTime() + LOCK_MS);
  await db.$executeRaw`
    INSERT INTO sign_in_failures AS f (email, failures, window_started_at, locked_until, updated_at)
    VALUES (${email}, 1, ${now}, NULL, ${now})
    ON CONFLICT (email) DO UPDATE SET
      failures = CASE WHEN f.window_started_at <= ${windowStart} THEN 1 ELSE f.failures + 1 END,
      window_started_at = CASE WHEN f.window_started_at <= ${windowStart} THEN ${now} ELSE f.window_started_at END,
      locked_until = CASE
        WHEN f.window_started_at > ${windowStart} AND f.failures + 1 >= ${MAX_FAILURES} THEN ${lockEnd}::timestamptz
        ELSE f.locked_until END,
      updated_at = ${now}`;
  await db.$executeRaw`
    DELETE FROM sign_in_failures WHERE updated_at < ${new Date(now.getTime() - FORGET_MS)}`;
}

/** Thrown while an email is locked; next-auth hands its message to the form as the error code. */
export class SignInLockedError extends Error {
  override name = 'SignInLockedError';
  constructor(readonly until: Date) {
    super(SIGN_IN_LOCKED_CODE);
  }
}

/** A successful sign-in forgets the email's failures. */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email } });
}
