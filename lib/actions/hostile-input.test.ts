import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { authorizedActionRoles } from '@/lib/actions/authorized-action';
import { ERROR_STATUS } from '@/lib/errors';
import { createUser } from '@/lib/users/create-user';
import { state } from '@/tests/signed-in';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

/*
 * The hostile-input sweep for server actions (the HTTP sweep of routes and pages is
 * e2e/hostile-input.spec.ts). Every action in lib/actions must have an entry in ACTIONS; each is
 * called by a signed-in user with control bytes, overlong values, wrong types, repeated fields
 * and prototype tricks, and must answer a typed failure with a 4xx code (or succeed), never
 * `internal` and never a throw.
 */

// The real actions and routes, with the session and the database swapped for this file's own.
// "Sync now" with a valid (empty) form queues a job: the queue itself is not under test here.
vi.mock('@/lib/jobs/enqueue', () => ({ enqueue: async () => 'job-under-test' }));
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);

const ACTIONS_DIR = join(process.cwd(), 'lib/actions');
const actionFiles = (function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
})(ACTIONS_DIR)
  .map((path) => relative(ACTIONS_DIR, path))
  .filter((path) => path !== 'authorized-action.ts');

const NUL = '\u0000\u0001\u001f\u007f';
const LONG = 'x'.repeat(100_000);

function form(fields: Array<[string, string | Blob]>): FormData {
  const data = new FormData();
  for (const [key, value] of fields) data.append(key, value);
  return data;
}

/** Hostile inputs every action gets, whatever its fields. */
const COMMON: unknown[] = [
  undefined,
  null,
  'junk',
  42,
  [],
  [1, 2, 3],
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}'),
  new FormData(),
  form([
    ['$ACTION_ID_x', 'y'],
    ['unknown', NUL],
  ]),
];

/** Per action: hostile values for its own fields. A new action without an entry fails. */
const ACTIONS: Record<string, unknown[]> = {
  'account/change-password.ts': [
    form([
      ['currentPassword', NUL],
      ['newPassword', LONG],
      ['confirmPassword', LONG],
    ]),
    form([
      ['currentPassword', 'a'],
      ['currentPassword', 'b'],
      ['newPassword', NUL.repeat(4)],
    ]),
    form([
      ['currentPassword', new Blob(['file'])],
      ['newPassword', 'n'.repeat(20)],
      ['confirmPassword', 'n'.repeat(20)],
    ]),
    { currentPassword: 1, newPassword: { a: 1 }, confirmPassword: ['x'] },
    {
      currentPassword: LONG,
      newPassword: `${NUL}abcdefghijklmnop`,
      confirmPassword: `${NUL}abcdefghijklmnop`,
    },
  ],
  'account/sign-out-everywhere.ts': [{ extra: LONG }, form([['x', NUL]])],
  'preferences/save-table-columns.ts': [
    { columns: [] },
    { columns: [NUL, LONG] },
    { columns: 'newContacts,__proto__,constructor' },
    { columns: ['newContacts', 'newContacts'] },
    { columns: ['locationId', 'unavailable'] },
    { columns: Array.from({ length: 10_000 }, () => 'newContacts') },
    form([
      ['columns', 'newContacts'],
      ['columns', LONG],
    ]),
    form([['columns', `newContacts,${NUL}`]]),
    { columns: ['paymentsNet'] },
  ],
  'users/add-user.ts': [
    form([
      ['email', `${NUL}@example.com`],
      ['name', LONG],
      ['role', 'root'],
    ]),
    { email: ['a@b.co', 'c@d.co'], name: 1, role: 'staff', locationIds: [NUL, LONG] },
    { email: 'new@example.com', name: 'N', role: 'staff', locationIds: 'loc_a' },
  ],
  'users/change-user-access.ts': [
    { userId: NUL, role: 'admin' },
    { userId: '00000000-0000-4000-8000-000000000000', role: 'staff', locationIds: [LONG] },
    form([
      ['userId', 'x'],
      ['userId', 'y'],
      ['role', NUL],
    ]),
  ],
  'users/remove-user.ts': [{ userId: LONG }, { userId: '00000000-0000-4000-8000-000000000000' }],
  'users/reset-user-password.ts': [
    { userId: NUL },
    { userId: '00000000-0000-4000-8000-000000000000' },
  ],
  'tokens/set-location-token.ts': [
    { locationId: NUL, token: LONG },
    form([
      ['locationId', 'loc_a'],
      ['token', ''],
      ['confirm', 'maybe'],
    ]),
    { locationId: ['loc_a'], token: { a: 1 } },
  ],
  'tokens/remove-location-token.ts': [{ locationId: NUL }, { locationId: LONG }, { locationId: 1 }],
  'schedules/create-schedule.ts': [
    form([
      ['name', LONG],
      ['report', 'agency'],
      ['coverage', 'selected'],
      ['locationIds', NUL],
      ['recipients', `${NUL}@example.com`],
    ]),
    { name: 'x', coverage: 'burst', locationIds: [NUL, LONG], cadence: 'weekly', weekday: 9 },
    { name: 'x', timezone: 'Mars/Olympus', sendTime: '25:61', recipients: LONG },
  ],
  'schedules/update-schedule.ts': [
    { id: NUL, name: 'x' },
    { id: '00000000-0000-4000-8000-000000000000', name: LONG, locationIds: [NUL] },
  ],
  'schedules/delete-schedule.ts': [{ id: NUL }, { id: '00000000-0000-4000-8000-000000000000' }],
  'schedules/pause-schedule.ts': [{ id: LONG }, { id: '00000000-0000-4000-8000-000000000000' }],
  'schedules/resume-schedule.ts': [{ id: [1] }, { id: '00000000-0000-4000-8000-000000000000' }],
  'schedules/send-test-email.ts': [{ id: NUL }, { id: '00000000-0000-4000-8000-000000000000' }],
  'schedules/resend-delivery.ts': [
    { deliveryId: NUL },
    { deliveryId: '00000000-0000-4000-8000-000000000000' },
  ],
  'sync/request-sync.ts': [
    { mode: 'everything' },
    { mode: 'full', locationId: NUL },
    { mode: 'full', locationId: LONG },
  ],
  'oauth/start-ghl-connect.ts': [{ state: NUL }, form([['redirect', LONG]]), { extra: LONG }],
  'oauth/disconnect-ghl.ts': [{ confirm: NUL }, form([['confirm', LONG]]), [LONG]],
};

let t: TestDatabase;
let staff: SessionUser;
let admin: SessionUser;
beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  staff = await createUser(t.db, {
    email: 'hostile@example.com',
    name: 'H',
    role: 'staff',
    password: 'hostile-password-1',
    locationIds: ['loc_a'],
  });
  admin = await createUser(t.db, {
    email: 'hostile-admin@example.com',
    name: 'HA',
    role: 'admin',
    password: 'hostile-password-2',
  });
});
afterAll(async () => {
  await t?.drop();
});

describe('server actions under hostile input', () => {
  it('have an entry each in the sweep', () => {
    expect(actionFiles.sort()).toEqual(Object.keys(ACTIONS).sort());
  });

  it.each(Object.keys(ACTIONS))(
    '%s answers a 4xx failure or succeeds, never internal',
    async (file) => {
      const module = (await import(/* @vite-ignore */ join(ACTIONS_DIR, file))) as Record<
        string,
        (input: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>
      >;
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      for (const action of Object.values(module)) {
        // The least privileged caller the action lets in, so the input is what gets refused.
        state.user = authorizedActionRoles(action)?.includes('staff') ? staff : admin;
        for (const input of [...COMMON, ...(ACTIONS[file] ?? [])]) {
          const result = await action(input);
          if (result.ok) continue;
          const code = result.error?.code as keyof typeof ERROR_STATUS;
          expect(ERROR_STATUS[code], `${file} ${String(input).slice(0, 40)}`).toBeLessThan(500);
          expect(typeof result.error?.message).toBe('string');
        }
      }
      expect(log).not.toHaveBeenCalled();
      log.mockRestore();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
