import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { SIGN_IN_LOCKED_CODE } from './sign-in-locked-code';

/** Sign-in attempts allowed per email within `WINDOW_MS` before it is locked. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
/** How long an email (or a client address) stays locked after its last allowed attempt. */
export const LOCK_MS = 15 * 60_000;
/**
 * Sign-in attempts allowed per client address within `WINDOW_MS`: one address guessing many
 * emails (a slow spray) is cut off too. Successful sign-ins give their attempt back, so an office
 * behind one address is not locked out by its own people signing in.
 */
export const MAX_CLIENT_FAILURES = 50;
/** Rows untouched for this long are forgotten (emails nobody tries any more). */
export const FORGET_MS = 24 * 60 * 60_000;

/** A reserved attempt: whether it may check the password, and until when it is locked if not. */
export type SignInReservation = { allowed: boolean; lockedUntil: Date | null };

/** The two tables with the same shape: budgets per submitted email and per client address. */
const BUDGETS = {
  email: { table: Prisma.raw('sign_in_failures'), key: Prisma.raw('email'), max: MAX_FAILURES },
  client: {
    table: Prisma.raw('sign_in_client_failures'),
    key: Prisma.raw('client'),
    max: MAX_CLIENT_FAILURES,
  },
} as const;

/**
 * Reserves one attempt against a budget in a single statement, BEFORE the password is checked,
 * so concurrent attempts cannot all pass a check and only count afterwards: every attempt is
 * counted first, then decided on its own count. While a lock lasts, attempts keep counting (and
 * stay refused); once the window has passed and no lock holds, counting starts again at 1. The
 * attempt that reaches the maximum locks the key for `LOCK_MS`.
 */
async function reserve(
  db: Db,
  budget: keyof typeof BUDGETS,
  key: string,
  now: Date,
): Promise<SignInReservation> {
  const { table, key: column, max } = BUDGETS[budget];
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lockEnd = new Date(now.getTime() + LOCK_MS);
  const rows = await db.$queryRaw<{ failures: number; locked_until: Date | null }[]>`
    INSERT INTO ${table} AS f (${column}, failures, window_started_at, locked_until, updated_at)
    VALUES (${key}, 1, ${now}, NULL, ${now})
    ON CONFLICT (${column}) DO UPDATE SET
      failures = CASE
        WHEN f.locked_until > ${now} THEN f.failures + 1
        WHEN f.window_started_at <= ${windowStart} THEN 1
        ELSE f.failures + 1 END,
      window_started_at = CASE
        WHEN f.locked_until > ${now} THEN f.window_started_at
        WHEN f.window_started_at <= ${windowStart} THEN ${now}
        ELSE f.window_started_at END,
      locked_until = CASE
        WHEN f.locked_until > ${now} THEN f.locked_until
        WHEN f.window_started_at > ${windowStart} AND f.failures + 1 >= ${max} THEN ${lockEnd}::timestamptz
        ELSE NULL END,
      updated_at = ${now}
    RETURNING failures, locked_until`;
  const row = rows[0];
  if (!row) throw new Error(`reserving a sign-in attempt returned no row (${budget})`);
  const allowed = row.failures <= max;
  return { allowed, lockedUntil: allowed ? null : row.locked_until };
}

/**
 * Reserves one sign-in attempt for `email` (counted as a failure until a success clears it), and
 * one for the client address when it is known (lib/auth/client-address.ts). The attempt may
 * check the password only when `allowed`; otherwise `lockedUntil` says when to try again.
 */
export async function reserveSignInAttempt(
  db: Db,
  email: string,
  clientAddress: string | null,
  now: Date,
): Promise<SignInReservation> {
  if (clientAddress) {
    const client = await reserve(db, 'client', clientAddress, now);
    if (!client.allowed) return client;
  }
  return reserve(db, 'email', email, now);
}

/** Thrown while an email is locked; next-auth hands its message to the form as the error code. */
export class SignInLockedError extends Error {
  override name = 'SignInLockedError';
  constructor(readonly until: Date) {
    super(SIGN_IN_LOCKED_CODE);
  }
}

/**
 * A successful sign-in forgets the email's failures and gives the client address its attempt
 * back (its lock, if any, stays).
 */
export async function clearSignInFailures(
  db: Db,
  email: string,
  clientAddress: string | null = null,
): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email } });
  if (clientAddress)
    await db.$executeRaw`
      UPDATE sign_in_client_failures SET failures = GREATEST(failures - 1, 0)
      WHERE client = ${clientAddress}`;
}

/**
 * Forgets failure rows nobody has touched for `FORGET_MS` (unknown emails add a row each), so the
 * tables stay small. Run by the prune-sign-in-failures job; returns how many rows went.
 */
export async function pruneSignInFailures(db: Db, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FORGET_MS);
  const emails = await db.$executeRaw`DELETE FROM sign_in_failures WHERE updated_at < ${before}`;
  const clients =
    await db.$executeRaw`DELETE FROM sign_in_client_failures WHERE updated_at < ${before}`;
  return emails + clients;
}
