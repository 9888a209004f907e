import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { createUser, UserExistsError } from '@/lib/users/create-user';
import { DEMO_ADMIN_EMAIL, ensureDemoAdmin } from '@/lib/users/ensure-demo-admin';
import { listUsers } from '@/lib/users/list-users';
import { endAllSessions } from '@/lib/users/end-all-sessions';
import { removeUser } from '@/lib/users/remove-user';
import { loadSessionUser, sessionStamp } from './session-user';
import { verifyCredentials } from './verify-credentials';

const SECRET = 's'.repeat(40);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('users and sign-in', () => {
  it('creates users with a hashed password, lower-cased email and their locations', async () => {
    const staff = await createUser(t.db, {
      email: ' Ana@Example.COM ',
      name: 'Ana',
      role: 'staff',
      password: 'ana-password-123',
      locationIds: ['loc_b', 'loc_a', 'loc_a'],
    });
    expect(staff).toMatchObject({
      email: 'ana@example.com',
      role: 'staff',
      locationIds: ['loc_a', 'loc_b'],
    });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain('ana-password-123');
    await expect(
      createUser(t.db, {
        email: 'ana@example.com',
        name: 'Again',
        role: 'admin',
        password: 'another-password',
      }),
    ).rejects.toThrow(UserExistsError);
  });

  it('validates input: short passwords, bad emails, locations for admins', async () => {
    await expect(
      createUser(t.db, { email: 'x@example.com', name: 'X', role: 'admin', password: 'short' }),
    ).rejects.toThrow(/at least 12/);
    await expect(
      createUser(t.db, {
        email: 'not-an-email',
        name: 'X',
        role: 'admin',
        password: 'long enough pass',
      }),
    ).rejects.toThrow(/email/);
    await expect(
      createUser(t.db, {
        email: 'y@example.com',
        name: 'Y',
        role: 'admin',
        password: 'long enough pass',
        locationIds: ['loc_a'],
      }),
    ).rejects.toThrow(/staff only/);
  });

  it('verifies credentials case-insensitively and says nothing about which part was wrong', async () => {
    const ok = await verifyCredentials(t.db, SECRET, {
      email: 'ANA@example.com',
      password: 'ana-password-123',
    });
    expect(ok).toMatchObject({ email: 'ana@example.com', name: 'Ana' });
    expect(
      await verifyCredentials(t.db, SECRET, {
        email: 'ana@example.com',
        password: 'wrong-password',
      }),
    ).toBeNull();
    expect(
      await verifyCredentials(t.db, SECRET, {
        email: 'nobody@example.com',
        password: 'ana-password-123',
      }),
    ).toBeNull();
    expect(await verifyCredentials(t.db, SECRET, undefined)).toBeNull();
    expect(await verifyCredentials(t.db, SECRET, { email: 'ana@example.com' })).toBeNull();
  });

  it('loads the session user fresh, with role and locations, and only for the current password', async () => {
    const signedIn = await verifyCredentials(t.db, SECRET, {
      email: 'ana@example.com',
      password: 'ana-password-123',
    });
    const user = await loadSessionUser(t.db, SECRET, signedIn!.id, signedIn!.stamp);
    expect(user).toEqual({
      id: signedIn!.id,
      email: 'ana@example.com',
      name: 'Ana',
      role: 'staff',
      locationIds: ['loc_a', 'loc_b'],
    });

    expect(await loadSessionUser(t.db, SECRET, signedIn!.id, undefined)).toBeNull();
    expect(await loadSessionUser(t.db, SECRET, signedIn!.id, 'forged-stamp-forged-st')).toBeNull();
    expect(
      await loadSessionUser(
        t.db,
        'another secret of enough length!!',
        signedIn!.id,
        signedIn!.stamp,
      ),
    ).toBeNull();
    expect(await loadSessionUser(t.db, SECRET, 'not-a-uuid', signedIn!.stamp)).toBeNull();

    // Ending the user's sessions (a bumped session version) ends the sessions issued before.
    await endAllSessions(t.db, signedIn!.id);
    expect(await loadSessionUser(t.db, SECRET, signedIn!.id, signedIn!.stamp)).toBeNull();
    const sessionId = signedIn!.stamp.split('.').slice(0, 2).join('.');
    expect(sessionStamp(SECRET, signedIn!.id, 0, sessionId)).toBe(signedIn!.stamp);
    expect(sessionStamp(SECRET, signedIn!.id, 1, sessionId)).not.toBe(signedIn!.stamp);
  });

  it('creates or resets the demo admin with a fresh random password each time', async () => {
    const first = await ensureDemoAdmin(t.db);
    const second = await ensureDemoAdmin(t.db);
    expect(first.email).toBe(DEMO_ADMIN_EMAIL);
    expect(second.password).not.toBe(first.password);
    expect(second.password.length).toBeGreaterThanOrEqual(20);
    expect(await verifyCredentials(t.db, SECRET, first)).toBeNull();
    const signedIn = await verifyCredentials(t.db, SECRET, second);
    expect(await loadSessionUser(t.db, SECRET, signedIn!.id, signedIn!.stamp)).toMatchObject({
      role: 'admin',
      locationIds: [],
    });
  });

  it('lists users without secrets and removes them with their locations', async () => {
    const users = await listUsers(t.db);
    expect(users.map((u) => [u.email, u.role, u.locationIds])).toEqual([
      ['ana@example.com', 'staff', ['loc_a', 'loc_b']],
      [DEMO_ADMIN_EMAIL, 'admin', []],
    ]);
    expect(JSON.stringify(users)).not.toMatch(/scrypt|passwordHash/);
    expect(await removeUser(t.db, 'ANA@example.com')).toBe(true);
    expect(await removeUser(t.db, 'ana@example.com')).toBe(false);
    expect(await t.db.userLocation.count()).toBe(0);
  });
});
