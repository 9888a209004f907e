import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { createUser } from '@/lib/users/create-user';
import { listUserAccounts } from '@/lib/users/list-user-accounts';
import { state } from '@/tests/signed-in';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

// The real actions and routes, with the session and the database swapped for this file's own.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { addUser } = await import('./add-user');
const { changeUserAccess } = await import('./change-user-access');
const { resetUserPassword } = await import('./reset-user-password');
const { removeUser } = await import('./remove-user');

let t: TestDatabase;
let admin: SessionUser;
let staff: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  await t.db.location.createMany({
    data: ['loc_a', 'loc_b'].map((id) => ({ id, companyId: 'co', name: id, timezone: 'UTC' })),
  });
  admin = await createUser(t.db, {
    email: 'boss@example.com',
    name: 'Boss',
    role: 'admin',
    password: 'boss-password-123',
  });
  staff = await createUser(t.db, {
    email: 'pat@example.com',
    name: 'Pat',
    role: 'staff',
    password: 'pats-password-123',
    locationIds: ['loc_a'],
  });
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(() => {
  state.user = admin;
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe('users/* actions', () => {
  it('add-user: an admin adds a staff user from a form and gets the link once', async () => {
    const result = await addUser(
      form({ email: 'new@example.com', name: 'New', role: 'staff', locationIds: 'loc_a,loc_b' }),
    );
    expect(result).toEqual({
      ok: true,
      data: {
        user: { id: expect.any(String), email: 'new@example.com' },
        link: {
          path: expect.stringMatching(/^\/set-password#token=/),
          expiresAt: expect.any(String),
          // No SMTP_URL in this test: the admin hands the link over (email: email-password-link.test.ts).
          emailed: false,
        },
      },
    });
    const listed = await listUserAccounts(t.db);
    expect(JSON.stringify(listed)).not.toContain(result.ok ? result.data.link.path.slice(20) : '?');
    expect(listed.find((u) => u.email === 'new@example.com')).toMatchObject({
      locationIds: ['loc_a', 'loc_b'],
      status: 'invited',
    });
    expect(
      await addUser({ email: 'bad', name: '', role: 'admin', locationIds: ['loc_a'] }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: { email: expect.any(String), name: expect.any(String) },
      },
    });
  });

  it('change-user-access: changes grants, and refuses to demote the last admin', async () => {
    expect(
      await changeUserAccess({ userId: staff.id, role: 'staff', locationIds: ['loc_b'] }),
    ).toEqual({ ok: true, data: { changed: true, role: 'staff', locationIds: ['loc_b'] } });
    expect(
      await changeUserAccess({ userId: admin.id, role: 'staff', locationIds: [] }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('reset-user-password and remove-user: a new link; the last admin stays', async () => {
    expect(await resetUserPassword({ userId: staff.id })).toMatchObject({
      ok: true,
      data: { link: { path: expect.stringMatching(/^\/set-password#token=/) } },
    });
    expect(await removeUser({ userId: admin.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await removeUser({ userId: staff.id })).toEqual({ ok: true, data: { removed: true } });
    expect(await t.db.user.findUnique({ where: { id: staff.id } })).toBeNull();
    const actions = (
      await t.db.auditLogEntry.findMany({
        // The seeded users come from `user add` (createUser), audited as the CLI.
        where: { actorEmail: { not: 'cli' } },
        orderBy: { at: 'asc' },
      })
    ).map((e) => `${e.actorEmail} ${e.action}`);
    expect(actions).toEqual([
      'boss@example.com user.create',
      'boss@example.com user.update',
      'boss@example.com user.password_link',
      'boss@example.com user.remove',
    ]);
  });

  it('refuses a staff caller and a signed-out caller, changing nothing', async () => {
    const calls = [
      () => addUser({ email: 'x@example.com', name: 'X', role: 'admin', locationIds: [] }),
      () => changeUserAccess({ userId: admin.id, role: 'staff', locationIds: [] }),
      () => resetUserPassword({ userId: admin.id }),
      () => removeUser({ userId: admin.id }),
    ];
    const before = await t.db.auditLogEntry.count();
    for (const [user, expected] of [
      [staff, 'forbidden'],
      [null, 'unauthenticated'],
    ] as const) {
      state.user = user;
      for (const call of calls)
        expect(await call()).toMatchObject({ ok: false, error: { code: expected } });
    }
    expect(await t.db.auditLogEntry.count()).toBe(before);
    expect(await t.db.user.count({ where: { email: 'x@example.com' } })).toBe(0);
  });
});
