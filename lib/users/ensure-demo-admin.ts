import 'server-only';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db/client';

export const DEMO_ADMIN_EMAIL = 'demo@agency-pulse.local';

export type DemoCredentials = { email: string; password: string };

/**
 * For `npm run demo`: makes sure an admin `demo@agency-pulse.local` exists and gives it a fresh
 * random password (so a previous demo's password, and its sessions, stop working). Returns the
 * credentials for the demo to print; nothing else ever sees the password.
 */
export async function ensureDemoAdmin(db: Db): Promise<DemoCredentials> {
  const password = randomBytes(15).toString('base64url');
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: DEMO_ADMIN_EMAIL },
      create: { email: DEMO_ADMIN_EMAIL, name: 'Demo admin', role: 'admin', passwordHash },
      update: { role: 'admin', passwordHash, sessionVersion: { increment: 1 } },
    });
    // Admins see every location; a leftover list would only confuse `user list`.
    await tx.userLocation.deleteMany({ where: { userId: user.id } });
  });
  return { email: DEMO_ADMIN_EMAIL, password };
}
