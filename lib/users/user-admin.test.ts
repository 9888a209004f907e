import { describe, expect, it } from 'vitest';
import { loadSessionUser } from '@/lib/auth/session-user';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { AppError } from '@/lib/errors';
import { useTestDatabase } from '@/tests/db';
import { addUser } from './add-user';
import { LAST_ADMIN_MESSAGE } from './assert-keeps-an-admin';
import { changeUserAccess } from './change-user-access';
import { createUser } from './create-user';
import { listUserAccounts } from './list-user-accounts';
import { PASSWORD_LINK_TTL_MS } from './password-link-token';
import { removeUser } from './remove-user';
import { removeUserById } from './remove-user-by-id';
import { resetUserPassword } from './reset-user-password';
import { DEAD_LINK_MESSAGE, setPasswordWithLink } from './set-password-with-link';
import { addUserSchema } from './user-schema';

const t = useTestDatabase();
const SECRET = 's'.repeat(40);
const tokenOf = (path: string) => path.slice(path.indexOf('#token=') + '#token='.length);
const code = (error: unknown) => (error instanceof AppError ? error.code : String(error));

async function seedLocations(ids: string[]) {
  await t.db.location.createMany({
    data: ids.map((id) => ({ id, companyId: 'co', name: `Name ${id}`, timezone: 'UTC' })),
    skipDuplicates: true,
  });
}

describe('adding a user and the one-time link', () => {
  it('adds a staff user with exactly their locations, who sets a password once through the link', async () => {
    await seedLocations(['loc_a', 'loc_b', 'loc_c']);
    const admin = await createUser(t.db, {
      email: 'boss@example.com',
      name: 'Boss',
      role: 'admin',
      password: 'boss-password-123',
    });
    const input = addUserSchema.parse({
      email: ' Pat@Example.com ',
      name: 'Pat',
      role: 'staff',
      locationIds: 'loc_b,loc_a,loc_b',
    });
    const now = new Date('2026-11-29T10:00:00Z');
    const { user, link } = await addUser(t.db, admin, input, now);
    expect(user).toMatchObject({ email: 'pat@example.com', locationIds: ['loc_a', 'loc_b'] });
    expect(link.purpose).toBe('invite');
    expect(link.expiresAt.getTime() - now.getTime()).toBe(PASSWORD_LINK_TTL_MS);
    expect(link.path).toMatch(/^\/set-password#token=[A-Za-z0-9_-]{43}$/);

    // Only the hash is stored; the user cannot sign in before using the link.
    const token = tokenOf(link.path);
    const stored = await t.db.passwordLink.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await listUserAccounts(t.db, now)).find((u) => u.id === user.id)).toMatchObject({
      status: 'invited',
      lastSignInAt: null,
      linkExpiresAt: link.expiresAt.toISOString(),
    });

    // Unknown locations, a taken email: refused, nothing written.
    await expect(
      addUser(t.db, admin, { ...input, email: 'x@example.com', locationIds: ['loc_zz'] }, now),
    ).rejects.toMatchObject({ code: 'invalid_input', fields: { locationIds: expect.any(String) } });
    await expect(addUser(t.db, admin, input, now)).rejects.toMatchObject({ code: 'conflict' });
    expect(await t.db.user.count({ where: { email: 'x@example.com' } })).toBe(0);

    const password = 'pats-own-password-1';
    const later = new Date(now.getTime() + PASSWORD_LINK_TTL_MS - 1000);
    expect(
      await setPasswordWithLink(t.db, { token, password, confirmPassword: password }, later),
    ).toEqual({ email: 'pat@example.com' });
    await expect(
      setPasswordWithLink(
        t.db,
        { token, password: 'another-password-2', confirmPassword: '' },
        later,
      ),
    ).rejects.toMatchObject({ code: 'not_found', message: DEAD_LINK_MESSAGE });

    const signedIn = await verifyCredentials(t.db, SECRET, { email: 'pat@example.com', password });
    expect(signedIn).not.toBeNull();
    const session = await loadSessionUser(t.db, SECRET, user.id, signedIn?.stamp);
    expect(session).toMatchObject({ role: 'staff', locationIds: ['loc_a', 'loc_b'] });
    const listed = (await listUserAccounts(t.db, later)).find((u) => u.id === user.id);
    expect(listed).toMatchObject({ status: 'active', linkExpiresAt: null });
    expect(listed?.lastSignInAt).not.toBeNull();

    const audit = await t.db.auditLogEntry.findMany({
      // The seeded users come from `user add` (createUser), audited as the CLI.
      where: { actorEmail: { not: 'cli' } },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((e) => `${e.actorEmail} ${e.action}`)).toEqual([
      'boss@example.com user.create',
      'pat@example.com user.password_set',
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('a link expires after 24 h; a reset replaces the earlier link, and the old password works until it is used', async () => {
    const admin = { id: null, email: 'boss@example.com' };
    const kim = await createUser(t.db, {
      email: 'kim@example.com',
      name: 'Kim',
      role: 'staff',
      password: 'kims-old-password',
    });
    const now = new Date('2026-11-29T10:00:00Z');
    const first = await resetUserPassword(t.db, admin, kim.id, now);
    expect(first.purpose).toBe('reset');
    const second = await resetUserPassword(t.db, admin, kim.id, now);
    const password = 'kims-new-password';
    const set = (path: string, at: Date) =>
      setPasswordWithLink(t.db, { token: tokenOf(path), password, confirmPassword: password }, at);
    await expect(set(first.path, now)).rejects.toMatchObject({ code: 'not_found' });
    expect(
      await verifyCredentials(t.db, SECRET, { email: kim.email, password: 'kims-old-password' }),
    ).not.toBeNull();
    await expect(
      set(second.path, new Date(now.getTime() + PASSWORD_LINK_TTL_MS)),
    ).rejects.toMatchObject({ code: 'not_found', message: DEAD_LINK_MESSAGE });
    const third = await resetUserPassword(t.db, admin, kim.id, now);
    await set(third.path, now);
    expect(await verifyCredentials(t.db, SECRET, { email: kim.email, password })).not.toBeNull();
    expect(
      await verifyCredentials(t.db, SECRET, { email: kim.email, password: 'kims-old-password' }),
    ).toBeNull();
    await expect(
      resetUserPassword(t.db, admin, '00000000-0000-4000-8000-00000000dead'),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('an invitation that expired shows as such until a new link is issued (still an invitation)', async () => {
    const admin = { id: null, email: 'boss@example.com' };
    const now = new Date('2026-11-29T10:00:00Z');
    const { user } = await addUser(
      t.db,
      admin,
      addUserSchema.parse({ email: 'late@example.com', name: 'Late', role: 'admin' }),
      now,
    );
    const after = new Date(now.getTime() + PASSWORD_LINK_TTL_MS + 1);
    expect((await listUserAccounts(t.db, after)).find((u) => u.id === user.id)?.status).toBe(
      'invite_expired',
    );
    const renewed = await resetUserPassword(t.db, admin, user.id, after);
    expect(renewed.purpose).toBe('invite');
    expect((await listUserAccounts(t.db, after)).find((u) => u.id === user.id)?.status).toBe(
      'invited',
    );
  });
});

describe('roles, grants and the last admin', () => {
  it('changes grants at once (the next request sees them), audited before/after', async () => {
    await seedLocations(['loc_a', 'loc_b', 'loc_c']);
    const admin = { id: null, email: 'boss@example.com' };
    const sam = await createUser(t.db, {
      email: 'sam@example.com',
      name: 'Sam',
      role: 'staff',
      password: 'sams-password-12',
      locationIds: ['loc_a', 'loc_b'],
    });
    const signedIn = await verifyCredentials(t.db, SECRET, {
      email: sam.email,
      password: 'sams-password-12',
    });
    const result = await changeUserAccess(t.db, admin, sam.id, {
      role: 'staff',
      locationIds: ['loc_a'],
    });
    expect(result).toMatchObject({ changed: true, before: { locationIds: ['loc_a', 'loc_b'] } });
    // The change ends Sam's open sessions (issue 10); signing in again gives the new grants.
    expect(await loadSessionUser(t.db, SECRET, sam.id, signedIn?.stamp)).toBeNull();
    const again = await verifyCredentials(t.db, SECRET, {
      email: sam.email,
      password: 'sams-password-12',
    });
    expect(await loadSessionUser(t.db, SECRET, sam.id, again?.stamp)).toMatchObject({
      locationIds: ['loc_a'],
    });
    const entry = await t.db.auditLogEntry.findFirstOrThrow({
      where: { action: 'user.update', targetId: sam.id },
    });
    expect(entry).toMatchObject({
      before: { role: 'staff', locationIds: ['loc_a', 'loc_b'] },
      after: { role: 'staff', locationIds: ['loc_a'] },
    });
    // No change, no entry; a promotion drops the list (admins see everything).
    expect(
      (await changeUserAccess(t.db, admin, sam.id, { role: 'staff', locationIds: ['loc_a'] }))
        .changed,
    ).toBe(false);
    expect(
      await changeUserAccess(t.db, admin, sam.id, { role: 'admin', locationIds: ['loc_c'] }),
    ).toMatchObject({
      after: { role: 'admin', locationIds: [] },
    });
    await expect(
      changeUserAccess(t.db, admin, sam.id, { role: 'staff', locationIds: ['loc_nope'] }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      changeUserAccess(t.db, admin, '00000000-0000-4000-8000-00000000dead', {
        role: 'staff',
        locationIds: [],
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses to demote or remove the last admin, also when two admins demote each other at once', async () => {
    await t.db.userLocation.deleteMany();
    await t.db.passwordLink.deleteMany();
    await t.db.user.deleteMany();
    const actor = { id: null, email: 'boss@example.com' };
    const one = await createUser(t.db, {
      email: 'one@example.com',
      name: 'One',
      role: 'admin',
      password: 'admin-password-1',
    });
    const two = await createUser(t.db, {
      email: 'two@example.com',
      name: 'Two',
      role: 'admin',
      password: 'admin-password-2',
    });

    const results = await Promise.allSettled([
      changeUserAccess(t.db, actor, one.id, { role: 'staff', locationIds: [] }),
      changeUserAccess(t.db, actor, two.id, { role: 'staff', locationIds: [] }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected && code(rejected.reason)).toBe('conflict');
    expect(await t.db.user.count({ where: { role: 'admin' } })).toBe(1);

    const last = await t.db.user.findFirstOrThrow({ where: { role: 'admin' } });
    await expect(removeUserById(t.db, actor, last.id)).rejects.toMatchObject({
      code: 'conflict',
      message: LAST_ADMIN_MESSAGE,
    });
    await expect(removeUser(t.db, last.email)).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      changeUserAccess(t.db, actor, last.id, { role: 'staff', locationIds: [] }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await t.db.user.count({ where: { role: 'admin' } })).toBe(1);

    // With a second admin, removal works, and is audited without a secret.
    const other = last.id === one.id ? two : one;
    await changeUserAccess(t.db, actor, other.id, { role: 'admin', locationIds: [] });
    await removeUserById(t.db, actor, last.id);
    expect(await t.db.user.findUnique({ where: { id: last.id } })).toBeNull();
    const entry = await t.db.auditLogEntry.findFirstOrThrow({ where: { action: 'user.remove' } });
    expect(entry.before).toEqual({
      email: last.email,
      name: last.name,
      role: 'admin',
      locationIds: [],
    });
    await expect(removeUserById(t.db, actor, last.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
