import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { state } from '@/tests/signed-in';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { createUser } from '@/lib/users/create-user';
import { getOverviewColumns } from '@/lib/users/get-overview-columns';
import { DEFAULT_OVERVIEW_COLUMNS } from '@/lib/metrics/overview-columns';

// The real action on a database of this file's own; the session is whoever `state.user` is.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { saveTableColumns } = await import('./save-table-columns');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
});
afterAll(async () => {
  await t?.drop();
});

describe('preferences/save-table-columns', () => {
  it("stores the signed-in staff member's own choice, in the registry's order, and only theirs", async () => {
    const staff = await createUser(t.db, {
      email: 'cols-staff@example.com',
      name: 'S',
      role: 'staff',
      password: 'cols-password-123',
      locationIds: [],
    });
    const other = await createUser(t.db, {
      email: 'cols-admin@example.com',
      name: 'A',
      role: 'admin',
      password: 'cols-password-456',
    });
    expect(await getOverviewColumns(t.db, staff.id)).toEqual(DEFAULT_OVERVIEW_COLUMNS);

    state.user = staff;
    expect(await saveTableColumns({ columns: ['paymentsNet', 'newContacts'] })).toEqual({
      ok: true,
      data: { columns: ['newContacts', 'paymentsNet'] },
    });
    expect(await getOverviewColumns(t.db, staff.id)).toEqual(['newContacts', 'paymentsNet']);
    expect(await getOverviewColumns(t.db, other.id)).toEqual(DEFAULT_OVERVIEW_COLUMNS);

    // A form sends one comma-separated field; an empty or unknown choice changes nothing.
    const form = new FormData();
    form.set('columns', 'wonValue');
    expect(await saveTableColumns(form)).toMatchObject({ ok: true });
    expect(await getOverviewColumns(t.db, staff.id)).toEqual(['wonValue']);
    expect(await saveTableColumns({ columns: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await saveTableColumns({ columns: ['locationId'] })).toMatchObject({ ok: false });
    expect(await getOverviewColumns(t.db, staff.id)).toEqual(['wonValue']);
  });
});
