import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { createUser } from '@/lib/users/create-user';
import {
  LOCK_MS,
  MAX_CLIENT_FAILURES,
  MAX_FAILURES,
  SignInLockedError,
  WINDOW_MS,
  pruneSignInFailures,
  reserveSignInAttempt,
} from './sign-in-throttle';
import { verifyCredentials } from './verify-credentials';

const SECRET = 's'.repeat(40);
const T0 = new Date('2026-11-28T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  for (const email of ['bo@example.com', 'cy@example.com'])
    await createUser(t.db, { email, name: 'x', role: 'admin', password: 'right-password-1' });
});
afterAll(async () => {
  await t?.drop();
});

/** When this email may try again, or null when it is not locked (read from the table). */
async function lockedUntil(db: TestDatabase['db'], email: string, now: Date) {
  const row = await db.signInFailure.findUnique({ where: { email } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

const attempt = (email: string, password: string, now: Date) =>
  verifyCredentials(t.db, SECRET, { email, password }, now);

describe('sign-in throttling', () => {
  it(`locks an email after ${MAX_FAILURES} failures, even for the right password, until the lock ends`, async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      expect(await attempt('bo@example.com', 'wrong', at(i * 1000))).toBeNull();
    // One below the limit: the right password still works, and forgets the failures.
    expect(await attempt('bo@example.com', 'right-password-1', at(5_000))).not.toBeNull();
    for (let i = 0; i < MAX_FAILURES; i++)
      expect(await attempt('bo@example.com', 'wrong', at(10_000 + i))).toBeNull();

    const locked = attempt('bo@example.com', 'right-password-1', at(20_000));
    await expect(locked).rejects.toBeInstanceOf(SignInLockedError);
    await expect(locked).rejects.toMatchObject({ until: at(10_000 + MAX_FAILURES - 1 + LOCK_MS) });
    // The same email in other case and spacing is the same email.
    await expect(
      verifyCredentials(t.db, SECRET, { email: ' BO@example.com', password: 'x' }, at(30_000)),
    ).rejects.toBeInstanceOf(SignInLockedError);
    // Another account is not affected.
    expect(await attempt('cy@example.com', 'right-password-1', at(20_000))).not.toBeNull();

    const after = at(10_000 + MAX_FAILURES - 1 + LOCK_MS + 1);
    expect(await attempt('bo@example.com', 'right-password-1', after)).toMatchObject({
      email: 'bo@example.com',
    });
    expect(await t.db.signInFailure.findUnique({ where: { email: 'bo@example.com' } })).toBeNull();
  });

  it('starts counting again once the window has passed', async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt('cy@example.com', 'wrong', at(i));
    const later = at(WINDOW_MS + 10);
    expect(await attempt('cy@example.com', 'wrong', later)).toBeNull();
    expect(await lockedUntil(t.db, 'cy@example.com', later)).toBeNull();
    expect(
      await t.db.signInFailure.findUnique({ where: { email: 'cy@example.com' } }),
    ).toMatchObject({ failures: 1, windowStartedAt: later });
  });

  it('counts unknown emails the same way, so a lock tells nothing about who has an account', async () => {
    for (let i = 0; i < MAX_FAILURES; i++)
      expect(await attempt('nobody@example.com', 'guess', at(i))).toBeNull();
    await expect(attempt('nobody@example.com', 'guess', at(100))).rejects.toBeInstanceOf(
      SignInLockedError,
    );
  });

  it('does not let concurrent guesses race past the limit', async () => {
    await Promise.all(
      Array.from({ length: 3 * MAX_FAILURES }, () =>
        reserveSignInAttempt(t.db, 'racer@example.com', null, T0),
      ),
    );
    const row = await t.db.signInFailure.findUniqueOrThrow({
      where: { email: 'racer@example.com' },
    });
    expect(row.failures).toBe(3 * MAX_FAILURES);
    expect(await lockedUntil(t.db, 'racer@example.com', at(1))).toEqual(at(LOCK_MS));
  });

  it('forgets emails nobody has tried for a day', async () => {
    await reserveSignInAttempt(t.db, 'old@example.com', '198.51.100.1', T0);
    await reserveSignInAttempt(t.db, 'new@example.com', null, at(25 * 60 * 60_000));
    expect(await pruneSignInFailures(t.db, at(25 * 60 * 60_000))).toBeGreaterThanOrEqual(2);
    expect(await t.db.signInFailure.findUnique({ where: { email: 'old@example.com' } })).toBeNull();
    expect(await t.db.signInClientFailure.count()).toBe(0);
    expect(
      await t.db.signInFailure.findUnique({ where: { email: 'new@example.com' } }),
    ).not.toBeNull();
  });

  it('verifies at most five of 50 parallel attempts on one email, and the right password among them does not sign in', async () => {
    const email = 'dee@example.com';
    await createUser(t.db, { email, name: 'x', role: 'admin', password: 'right-password-1' });
    // 49 wrong guesses in flight, then the right password, as an attacker racing the lock would.
    const passwords = [...Array.from({ length: 49 }, (_, i) => `wrong-${i}`), 'right-password-1'];
    const results = await Promise.allSettled(passwords.map((p) => attempt(email, p, T0)));
    const verified = results.filter((r) => r.status === 'fulfilled');
    expect(verified.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(verified.filter((r) => r.value !== null)).toEqual([]);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SignInLockedError);
    await expect(attempt(email, 'right-password-1', at(1))).rejects.toBeInstanceOf(
      SignInLockedError,
    );
  });

  it('gives one client address a budget across emails, and leaves other addresses alone', async () => {
    // Reserved in parallel (what each sign-in does first; checking 60 passwords would only be slow).
    const spray = await Promise.all(
      Array.from({ length: MAX_CLIENT_FAILURES + 10 }, (_, i) =>
        reserveSignInAttempt(t.db, `spray-${i}@example.com`, '203.0.113.9', T0),
      ),
    );
    expect(spray.filter((r) => r.allowed).length).toBe(MAX_CLIENT_FAILURES);
    const fromSameAddress = verifyCredentials(
      t.db,
      SECRET,
      { email: 'cy@example.com', password: 'right-password-1' },
      at(1),
      '203.0.113.9',
    );
    await expect(fromSameAddress).rejects.toBeInstanceOf(SignInLockedError);
    expect(
      await verifyCredentials(
        t.db,
        SECRET,
        { email: 'cy@example.com', password: 'right-password-1' },
        at(2),
        '203.0.113.10',
      ),
    ).toMatchObject({ email: 'cy@example.com' });
  });
});
