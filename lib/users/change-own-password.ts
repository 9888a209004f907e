import 'server-only';

import { z } from 'zod';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { clearSignInFailures, LOCK_MS, reserveSignInAttempt } from '@/lib/auth/sign-in-throttle';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { passwordSchema } from '@/lib/users/user-schema';

/** The "change your password" form: the new password follows the same rules as `user add`. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ message: 'enter your current password' })
      .min(1, { message: 'enter your current password' })
      .max(1024, { message: 'expected at most 1024 characters' }),
    newPassword: z.string({ message: 'enter a new password' }).pipe(passwordSchema),
    confirmPassword: z.string({ message: 'repeat the new password' }),
  })
  .refine((input) => input.confirmPassword === input.newPassword, {
    message: 'does not match the new password',
    path: ['confirmPassword'],
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    message: 'must differ from your current password',
    path: ['newPassword'],
  });

export type ChangePasswordInput = z.output<typeof changePasswordSchema>;

/**
 * Changes a signed-in user's own password once they prove they know the current one. A wrong
 * current password counts as a failed sign-in for their email (lib/auth/sign-in-throttle.ts), so
 * a borrowed session cannot guess it faster than the sign-in form could; while the email is
 * locked this answers `rate_limited` without checking. The change bumps the session version, so
 * every session of this user (this one too) ends and they sign in again with the new password.
 *
 * Throws AppError: `invalid_input` naming `currentPassword`, `rate_limited`, `unauthenticated`
 * (the user is gone), `conflict` (the password changed meanwhile).
 */
export async function changeOwnPassword(
  db: Db,
  userId: string,
  input: ChangePasswordInput,
  now: Date = new Date(),
): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
  // Reserved before checking, as sign-in does, so parallel guesses cannot race past the limit.
  if (!(await reserveSignInAttempt(db, user.email, null, now)).allowed) {
    throw new AppError(
      'rate_limited',
      `Too many wrong passwords for this account. Wait ${LOCK_MS / 60_000} minutes, then try again.`,
    );
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('invalid_input', 'Your current password was not accepted.', {
      fields: { currentPassword: 'that is not your current password' },
    });
  }
  await clearSignInFailures(db, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  // Only over the hash just verified: of two changes racing, the second one fails loudly.
  const { count } = await db.user.updateMany({
    where: { id: user.id, passwordHash: user.passwordHash },
    data: { passwordHash, sessionVersion: { increment: 1 } },
  });
  if (count === 0)
    throw new AppError('conflict', 'Your password was changed elsewhere just now. Sign in again.');
}
