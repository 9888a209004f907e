import { vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import type { Db } from '@/lib/db/client';

/**
 * Who is signed in, and which database `db()` returns, for tests that call server actions and
 * route handlers in-process. A test file swaps both modules for these stand-ins:
 *
 *   vi.mock('@/lib/auth/get-session-user', () => import('@/tests/signed-in').then((m) => m.sessionModule()));
 *   vi.mock('@/lib/db/client', (importOriginal) => import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)));
 *
 * and sets `state.user` / `state.db` (from `import { state } from '@/tests/signed-in'`).
 */
export const state: { db: Db | undefined; user: SessionUser | null } = {
  db: undefined,
  user: null,
};

/** Stands in for lib/auth/get-session-user: the session is whoever `state.user` is. */
export function sessionModule() {
  return { getSessionUser: async () => state.user };
}

/** Stands in for lib/db/client: everything real, except that `db()` is `state.db`. */
export async function dbModule(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as typeof import('@/lib/db/client');
  return { ...real, db: () => state.db };
}

/**
 * The same two swaps for a file that imports the code under test dynamically after this call
 * (`const { GET } = await import('@/app/api/…/route')`): one line instead of the two hoisted
 * `vi.mock` calls above.
 */
export function mockSignedIn(): void {
  vi.doMock('@/lib/auth/get-session-user', () => sessionModule());
  vi.doMock('@/lib/db/client', (importOriginal) => dbModule(importOriginal));
}

/** A signed-in admin: every location. */
export const admin: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@x.test',
  name: 'A',
  role: 'admin',
  locationIds: [],
};

/** A signed-in staff user who may see only `locationIds`. */
export function staffOf(locationIds: string[]): SessionUser {
  return {
    id: '00000000-0000-4000-8000-000000000002',
    email: 's@x.test',
    name: 'S',
    role: 'staff',
    locationIds,
  };
}
