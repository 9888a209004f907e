import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { redirect } from 'next/navigation';
import type { SessionUser } from '@/lib/auth/session-user';
import { INTERNAL_MESSAGE } from '@/lib/errors';
import { authorizedAction, authorizedActionName, authorizedActionRoles } from './authorized-action';

// The session as this file sets it, and a stand-in database that counts who asked for it.
const state = vi.hoisted(() => ({ user: null as SessionUser | null, dbCalls: 0 }));
vi.mock('@/lib/auth/get-session-user', () => ({ getSessionUser: async () => state.user }));
vi.mock('@/lib/db/client', () => ({
  db: () => {
    state.dbCalls++;
    return {};
  },
}));

const admin: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@x.test',
  name: 'A',
  role: 'admin',
  locationIds: [],
};
const staff: SessionUser = {
  ...admin,
  id: admin.id.replace(/1$/, '2'),
  role: 'staff',
  locationIds: ['loc_b'],
};

beforeEach(() => {
  state.user = null;
  state.dbCalls = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

const ROOT = process.cwd();
const ACTIONS_DIR = join(ROOT, 'lib/actions');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every server action module: lib/actions/<domain>/<verb-noun>.ts (tests and the helper aside). */
const actionFiles = files(ACTIONS_DIR)
  .map((path) => relative(ACTIONS_DIR, path))
  .filter((path) => !path.endsWith('.test.ts') && path !== 'authorized-action.ts');

/**
 * The only actions a staff member may call. Every other action must refuse staff; an action
 * opened to staff fails the refusal test below until it is added here on purpose.
 */
const STAFF_MAY_CALL = [
  'account/change-password',
  'account/sign-out-everywhere',
  // Staff choose their own roll-up table columns: the session's user only, no location data.
  'preferences/save-table-columns',
];

describe('every server action is built on authorizedAction', () => {
  it('finds the actions, each in lib/actions/<domain>/<verb-noun>.ts starting with "use server"', () => {
    expect(actionFiles).toContain('account/change-password.ts');
    for (const file of actionFiles) {
      expect(file, 'lib/actions/<domain>/<verb-noun>.ts').toMatch(
        /^[a-z]+(-[a-z]+)*\/[a-z]+(-[a-z]+)+\.ts$/,
      );
      expect(readFileSync(join(ACTIONS_DIR, file), 'utf8'), file).toMatch(/^'use server';\n/);
    }
  });

  it('has no "use server" anywhere else (app/, components/, lib/)', () => {
    const elsewhere = ['app', 'components', 'lib']
      .flatMap((dir) => files(join(ROOT, dir)))
      .filter((path) => !path.startsWith(ACTIONS_DIR + '/'))
      .filter((path) => /['"]use server['"]/.test(readFileSync(path, 'utf8')));
    expect(elsewhere.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it.each(actionFiles)(
    '%s: exports only branded actions, and refuses a signed-out caller',
    async (file) => {
      const module = (await import(/* @vite-ignore */ join(ACTIONS_DIR, file))) as Record<
        string,
        unknown
      >;
      const exports = Object.entries(module);
      expect(exports.length).toBeGreaterThan(0);
      for (const [name, value] of exports) {
        expect(authorizedActionName(value), `${file} ${name}`).toBe(file.replace(/\.ts$/, ''));
        const action = value as (input: unknown) => Promise<unknown>;
        for (const input of [new FormData(), {}, undefined, 'junk'])
          expect(await action(input)).toEqual({
            ok: false,
            error: { code: 'unauthenticated', message: expect.any(String) },
          });
      }
      expect(state.dbCalls).toBe(0);
    },
  );

  it.each(actionFiles)(
    '%s: refuses a staff caller (forbidden, before reading input or the database) unless listed as open to staff',
    async (file) => {
      const name = file.replace(/\.ts$/, '');
      const module = (await import(/* @vite-ignore */ join(ACTIONS_DIR, file))) as Record<
        string,
        unknown
      >;
      state.user = staff;
      for (const [exportName, value] of Object.entries(module)) {
        const roles = authorizedActionRoles(value);
        expect(roles, `${file} ${exportName}`).not.toBeNull();
        if (STAFF_MAY_CALL.includes(name)) {
          expect(roles).toContain('staff');
          continue;
        }
        expect(roles, `${name} lets staff in: add it to STAFF_MAY_CALL on purpose`).toEqual([
          'admin',
        ]);
        const action = value as (input: unknown) => Promise<unknown>;
        for (const input of [new FormData(), {}, { userId: staff.id, locationId: 'loc_b' }])
          expect(await action(input)).toEqual({
            ok: false,
            error: { code: 'forbidden', message: expect.any(String) },
          });
      }
      expect(state.dbCalls).toBe(0);
    },
  );

  it('lists in STAFF_MAY_CALL only actions that exist', () => {
    for (const name of STAFF_MAY_CALL) expect(actionFiles).toContain(`${name}.ts`);
  });
});

describe('authorizedAction', () => {
  const handler = vi.fn(async (input: { locationId: string; count: number }) => ({ seen: input }));
  const adminOnly = authorizedAction({
    name: 'test/touch-location',
    input: z.object({ locationId: z.string().min(1), count: z.coerce.number().int().min(1) }),
    roles: ['admin', 'staff'],
    locationIds: (input) => [input.locationId],
    handler,
  });
  beforeEach(() => handler.mockClear());

  it('checks the session first: a stranger learns nothing about the input', async () => {
    expect(await adminOnly({ locationId: '', count: 0 })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a role the action is not for', async () => {
    state.user = staff;
    const forAdmins = authorizedAction({
      name: 'test/admin-thing',
      input: z.object({}),
      roles: ['admin'],
      handler: async () => 'done',
    });
    expect(await forAdmins({})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    state.user = admin;
    expect(await forAdmins({})).toEqual({ ok: true, data: 'done' });
  });

  it('validates the input (a FormData too) and names each bad field', async () => {
    state.user = admin;
    const form = new FormData();
    form.set('locationId', '');
    form.set('count', 'many');
    form.set('$ACTION_ID_abc', '');
    const result = await adminOnly(form);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok ? null : Object.keys(result.error.fields ?? {})).toEqual([
      'locationId',
      'count',
    ]);
    expect(handler).not.toHaveBeenCalled();

    form.set('locationId', 'loc_b');
    form.set('count', '2');
    expect(await adminOnly(form)).toEqual({
      ok: true,
      data: { seen: { locationId: 'loc_b', count: 2 } },
    });
  });

  it('keeps staff to their locations, answering as the routes do (not_found)', async () => {
    state.user = staff;
    expect(await adminOnly({ locationId: 'loc_a', count: 1 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such location.' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(await adminOnly({ locationId: 'loc_b', count: 1 })).toMatchObject({ ok: true });
    state.user = admin;
    expect(await adminOnly({ locationId: 'loc_a', count: 1 })).toMatchObject({ ok: true });
  });

  it('answers a surprise in the handler as `internal`, without its text', async () => {
    state.user = admin;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = authorizedAction({
      name: 'test/fail',
      input: z.object({}),
      handler: async () => {
        throw new Error('duplicate key value violates unique constraint "users_email_key"');
      },
    });
    expect(await failing({})).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
  });

  it("lets Next's redirect() through", async () => {
    state.user = admin;
    const redirecting = authorizedAction({
      name: 'test/go',
      input: z.object({}),
      handler: async () => redirect('/'),
    });
    await expect(redirecting({})).rejects.toThrow();
  });
});
