import 'server-only';
import type { Db } from '@/lib/db/client';
import { assertKeepsAnAdmin } from '@/lib/users/assert-keeps-an-admin';
import { emailSchema } from '@/lib/users/user-schema';

/**
 * Removes a user and their location list (one transaction). Their sessions end at once: every
 * request re-reads the user. Returns whether a user with that email existed. Throws AppError
 * `conflict` for the last admin (the agency would be locked out).
 */
export async function removeUser(db: Db, email: string): Promise<boolean> {
  const normalized = emailSchema.parse(email);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: normalized },
      select: { id: true, role: true },
    });
    if (!user) return false;
    if (user.role === 'admin') await assertKeepsAnAdmin(tx, user.id);
    await tx.passwordLink.deleteMany({ where: { userId: user.id } });
    await tx.userLocation.deleteMany({ where: { userId: user.id } });
    await tx.user.delete({ where: { id: user.id } });
    return true;
  });
}
