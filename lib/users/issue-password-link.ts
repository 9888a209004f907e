import 'server-only';

import type { Prisma } from '@/lib/db/generated/client';
import {
  newPasswordLinkToken,
  PASSWORD_LINK_TTL_MS,
  passwordLinkPath,
} from '@/lib/users/password-link-token';

/** A link as shown to the admin, once: the path with the token in it, and when it stops working. */
export type IssuedPasswordLink = { path: string; expiresAt: Date; purpose: 'invite' | 'reset' };

/**
 * Issues a one-time set-password link for a user inside the caller's transaction, replacing any
 * earlier unused link of theirs (only the newest works). `invite` for a new user; otherwise it
 * stays an invitation while the user has never set a password (an unused invitation exists) and
 * is a reset after that. Only the token's hash is stored; the returned path is the one place the
 * token exists.
 */
export async function issuePasswordLink(
  tx: Prisma.TransactionClient,
  userId: string,
  options: { purpose?: 'invite'; now?: Date } = {},
): Promise<IssuedPasswordLink> {
  const now = options.now ?? new Date();
  const pendingInvite = await tx.passwordLink.findFirst({
    where: { userId, purpose: 'invite', usedAt: null },
    select: { tokenHash: true },
  });
  const purpose = options.purpose ?? (pendingInvite ? 'invite' : 'reset');
  await tx.passwordLink.deleteMany({ where: { userId, usedAt: null } });
  const { token, tokenHash } = newPasswordLinkToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_TTL_MS);
  await tx.passwordLink.create({ data: { tokenHash, userId, purpose, createdAt: now, expiresAt } });
  return { path: passwordLinkPath(token), expiresAt, purpose };
}
