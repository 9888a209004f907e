import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/db';
import { createUser } from '@/lib/users/create-user';
import { changeOwnPassword } from '@/lib/users/change-own-password';
import { endAllSessions } from '@/lib/users/end-all-sessions';
import { setUserAccess } from '@/lib/users/set-user-access';
import { revokeSession } from './revoke-session';
import { loadSessionUser, parseStamp, SESSION_MAX_AGE_SECONDS } from './session-user';
import { verifyCredentials } from './verify-credentials';

const SECRET = 's'.repeat(40);
const PASSWORD = 'rosa-password-12';
const t = useTestDatabase();

/** Signs in twice (two devices) and returns both sessions as a request would check them. */
async function twoSessions(email: string, password = PASSWORD) {
  const a = await verifyCredentials(t.db, SECRET, { email, password });
  const b = await verifyCredentials(t.db, SECRET, { email, password });
  if (!a || !b) throw new Error('sign-in failed');
  return {
    a: () => loadSessionUser(t.db, SECRET, a.id, a.stamp),
    b: () => loadSessionUser(t.db, SECRET, b.id, b.stamp),
    stampA: a.stamp,
  };
}

describe('server-side session revocation', () => {
  it('sign-out ends that session for good (a copied cookie too) and leaves the other device alone', async () => {
    await createUser(t.db, {
      email: 'rosa@example.com',
      name: 'R',
      role: 'admin',
      password: PASSWORD,
    });
    const s = await twoSessions('rosa@example.com');
    expect(await s.a()).not.toBeNull();
    expect(await revokeSession(t.db, s.stampA)).toBe(true);
    expect(await s.a()).toBeNull();
    expect(await s.b()).not.toBeNull();
    expect(await revokeSession(t.db, 'not a stamp')).toBe(false);
  });

  it('"sign out everywhere" ends every session; a new sign-in works', async () => {
    await createUser(t.db, {
      email: 'sam@example.com',
      name: 'S',
      role: 'admin',
      password: PASSWORD,
    });
    const s = await twoSessions('sam@example.com');
    const user = await s.a();
    await endAllSessions(t.db, user!.id);
    expect(await s.a()).toBeNull();
    expect(await s.b()).toBeNull();
    expect(await (await twoSessions('sam@example.com')).a()).not.toBeNull();
  });

  it('a password change ends every session', async () => {
    const u = await createUser(t.db, {
      email: 'ted@example.com',
      name: 'T',
      role: 'staff',
      password: PASSWORD,
    });
    const s = await twoSessions('ted@example.com');
    const next = 'ted-new-password-34';
    await changeOwnPassword(t.db, u.id, {
      currentPassword: PASSWORD,
      newPassword: next,
      confirmPassword: next,
    });
    expect(await s.a()).toBeNull();
    expect(await s.b()).toBeNull();
  });

  it('a role or location change (user set) ends every session', async () => {
    await t.db.location.createMany({
      data: ['loc_a', 'loc_b'].map((id) => ({ id, companyId: 'co', name: id, timezone: 'UTC' })),
      skipDuplicates: true,
    });
    await createUser(t.db, {
      email: 'uma@example.com',
      name: 'U',
      role: 'staff',
      password: PASSWORD,
      locationIds: ['loc_a'],
    });
    const s = await twoSessions('uma@example.com');
    expect(
      await setUserAccess(t.db, { email: 'uma@example.com', locationIds: ['loc_b'] }),
    ).toMatchObject({ locationIds: ['loc_b'] });
    expect(await s.a()).toBeNull();
    const again = await twoSessions('uma@example.com');
    await setUserAccess(t.db, { email: 'uma@example.com', role: 'admin' });
    expect(await again.b()).toBeNull();
  });

  it('a session ends a week after sign-in however often it is used', async () => {
    await createUser(t.db, {
      email: 'vic@example.com',
      name: 'V',
      role: 'admin',
      password: PASSWORD,
    });
    const signedIn = await verifyCredentials(t.db, SECRET, {
      email: 'vic@example.com',
      password: PASSWORD,
    });
    const { signedInAt } = parseStamp(signedIn!.stamp)!;
    const almost = new Date(signedInAt.getTime() + SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    const after = new Date(signedInAt.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(
      await loadSessionUser(t.db, SECRET, signedIn!.id, signedIn!.stamp, almost),
    ).not.toBeNull();
    expect(await loadSessionUser(t.db, SECRET, signedIn!.id, signedIn!.stamp, after)).toBeNull();
  });
});
