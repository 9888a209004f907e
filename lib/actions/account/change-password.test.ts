import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSessionUser, type SessionUser } from '@/lib/auth/session-user';
import { MAX_FAILURES } from '@/lib/auth/sign-in-throttle';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { createUser } from '@/lib/users/create-user';
import { state } from '@/tests/signed-in';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

// The real actions and routes, with the session and the database swapped for this file's own.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { changePassword } = await import('./change-password');

const SECRET = 's'.repeat(40);
const OLD = 'old-password-12';
const NEW = 'brand-new-password-34';
let t: TestDatabase;
let me: SessionUser;
let other: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  me = await createUser(t.db, {
    email: 'pat@example.com',
    name: 'Pat Staff',
    role: 'staff',
    password: OLD,
    locationIds: ['loc_a'],
  });
  other = await createUser(t.db, {
    email: 'kim@example.com',
    name: 'Kim',
    role: 'admin',
    password: 'kims-own-password-1',
  });
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(async () => {
  state.user = me;
  await t.db.signInFailure.deleteMany();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const signIn = (email: string, password: string) =>
  verifyCredentials(t.db, SECRET, { email, password });

describe('account/change-password', () => {
  it('refuses a wrong current password beside its field, and counts it as a failed sign-in', async () => {
    const result = await changePassword(
      form({ currentPassword: 'not-my-password', newPassword: NEW, confirmPassword: NEW }),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.any(String),
        fields: { currentPassword: 'that is not your current password' },
      },
    });
    expect(await t.db.signInFailure.findUnique({ where: { email: me.email } })).toMatchObject({
      failures: 1,
    });
    expect(await signIn(me.email, OLD)).not.toBeNull();
  });

  it('refuses a weak or mismatched new password beside its field, before looking at the current one', async () => {
    const weak = await changePassword(
      form({ currentPassword: OLD, newPassword: 'short', confirmPassword: 'short' }),
    );
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { newPassword: 'expected at least 12 characters' } },
    });
    const mismatch = await changePassword(
      form({ currentPassword: OLD, newPassword: NEW, confirmPassword: `${NEW}x` }),
    );
    expect(mismatch).toMatchObject({
      ok: false,
      error: { fields: { confirmPassword: 'does not match the new password' } },
    });
    const same = await changePassword(
      form({ currentPassword: OLD, newPassword: OLD, confirmPassword: OLD }),
    );
    expect(same).toMatchObject({
      ok: false,
      error: { fields: { newPassword: 'must differ from your current password' } },
    });
    const missing = await changePassword(form({}));
    expect(missing.ok ? [] : Object.keys(missing.error.fields ?? {}).sort()).toEqual([
      'confirmPassword',
      'currentPassword',
      'newPassword',
    ]);
    expect(await t.db.signInFailure.count()).toBe(0);
    expect(await signIn(me.email, OLD)).not.toBeNull();
  });

  it(`stops checking after ${MAX_FAILURES} wrong current passwords (the sign-in lock)`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++)
      await changePassword(
        form({ currentPassword: `guess-${i}`, newPassword: NEW, confirmPassword: NEW }),
      );
    const locked = await changePassword(
      form({ currentPassword: OLD, newPassword: NEW, confirmPassword: NEW }),
    );
    expect(locked).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('changes only the signed-in user’s password: the new one signs in, the old one no longer does, old sessions end', async () => {
    const oldStamp = (await signIn(me.email, OLD))!.stamp;
    const kimBefore = await t.db.user.findUniqueOrThrow({ where: { id: other.id } });

    // An id smuggled into the input changes nothing: the user comes from the session.
    const result = await changePassword(
      form({ currentPassword: OLD, newPassword: NEW, confirmPassword: NEW, userId: other.id }),
    );
    expect(result).toEqual({ ok: true, data: { changed: true } });

    expect(await signIn(me.email, NEW)).toMatchObject({ email: me.email });
    expect(await signIn(me.email, OLD)).toBeNull();
    expect(await loadSessionUser(t.db, SECRET, me.id, oldStamp)).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: other.id } })).passwordHash).toBe(
      kimBefore.passwordHash,
    );
  });

  it('refuses a signed-out caller', async () => {
    state.user = null;
    expect(
      await changePassword(form({ currentPassword: NEW, newPassword: OLD, confirmPassword: OLD })),
    ).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await signIn(me.email, NEW)).not.toBeNull();
  });
});
