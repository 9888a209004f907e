import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/db';
import { createUser } from '@/lib/users/create-user';
import { COST } from './password';
import { loadSessionUser } from './session-user';
import { verifyCredentials } from './verify-credentials';

const SECRET = 's'.repeat(40);
const t = useTestDatabase();

/** A hash as the previous release stored it: scrypt N=2^14. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N: 16_384, r: 8, p: 1 });
  return ['scrypt', 16_384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('re-hashing on sign-in', () => {
  it('replaces an N=2^14 hash with the current cost on the next successful sign-in, keeping the session', async () => {
    const password = 'old-cost-password-1';
    const user = await createUser(t.db, {
      email: 'lee@example.com',
      name: 'L',
      role: 'admin',
      password,
    });
    await t.db.user.update({
      where: { id: user.id },
      data: { passwordHash: legacyHash(password) },
    });

    // A wrong password changes nothing.
    expect(
      await verifyCredentials(t.db, SECRET, { email: 'lee@example.com', password: 'nope' }),
    ).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(
      /^scrypt\$16384\$/,
    );

    const signedIn = await verifyCredentials(t.db, SECRET, { email: 'lee@example.com', password });
    const stored = (await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(stored).toMatch(new RegExp(`^scrypt\\$${COST.N}\\$8\\$1\\$`));
    // The session just issued survives the re-hash, and the password still signs in.
    expect(await loadSessionUser(t.db, SECRET, signedIn!.id, signedIn!.stamp)).not.toBeNull();
    expect(
      await verifyCredentials(t.db, SECRET, { email: 'lee@example.com', password }),
    ).not.toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(
      stored,
    );
  });
});
