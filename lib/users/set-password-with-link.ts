import 'server-only';

import { z } from 'zod';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { hashPasswordLinkToken } from '@/lib/users/password-link-token';
import { passwordSchema } from '@/lib/users/user-schema';

/** The public set-password form: the link's token and the new password twice. */
export const setPasswordSchema = z
  .object({
    token: z.string({ message: 'the link is incomplete' }).trim().min(20).max(200),
    password: z.string({ message: 'enter a new password' }).pipe(passwordSchema),
    confirmPassword: z.string({ message: 'repeat the new password' }),
  })
  .refine((input) => input.confirmPassword === input.password, {
    message: 'does not match the new password',
    path: ['confirmPassword'],
  });
export type SetPasswordInput = z.output<typeof setPasswordSchema>;

export const DEAD_LINK_MESSAGE =
  'This link does not work: it was used already, replaced by a newer one, or it expired. Ask your admin for a new one.';

/**
 * Sets a user's password through a one-time link (an invitation or a reset). The link is claimed
 * atomically (unused and unexpired, then marked used), so it works exactly once; any earlier
 * session of the user ends (the password hash changed) and their sign-in lock is lifted. Audited
 * as the user themself. Throws AppError `not_found` with one message for every dead link, so the
 * answer says nothing about which links exist; a dead link costs one indexed read (no password
 * hashing), so guessing is cheap to refuse. Returns the email, for the sign-in form.
 */
export async function setPasswordWithLink(
  db: Db,
  input: SetPasswordInput,
  now: Date = new Date(),
): Promise<{ email: string }> {
  const tokenHash = hashPasswordLinkToken(input.token);
  // A dead link is answered from one indexed read, before the (deliberately slow) password hash.
  const live = await db.passwordLink.count({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
  });
  if (live === 0) throw new AppError('not_found', DEAD_LINK_MESSAGE);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const claimed = await tx.passwordLink.updateManyAndReturn({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true, purpose: true },
    });
    const link = claimed[0];
    if (!link) throw new AppError('not_found', DEAD_LINK_MESSAGE);
    const user = await tx.user.update({
      where: { id: link.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, email: true },
    });
    await tx.signInFailure.deleteMany({ where: { email: user.email } });
    await writeAuditEntry(tx, {
      actor: { id: user.id, email: user.email },
      action: 'user.password_set',
      target: { type: 'user', id: user.id, label: user.email },
      after: { purpose: link.purpose },
    });
    return { email: user.email };
  });
}
