import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '@/lib/auth/session-user';
import { createSyncRun, recordLocationDone, setRunTotal } from '@/lib/sync/sync-runs';
import { state } from '@/tests/signed-in';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

// The real actions and routes, with the session and the database swapped for this file's own.
vi.mock('@/lib/auth/get-session-user', () =>
  import('@/tests/signed-in').then((m) => m.sessionModule()),
);
vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);
const { GET } = await import('@/app/api/sync/progress/route');

const admin: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@x.test',
  name: 'A',
  role: 'admin',
  locationIds: [],
};
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
});
afterAll(async () => {
  await t?.drop();
});

const get = async (query = '') => {
  const response = await GET(new Request(`http://127.0.0.1/api/sync/progress${query}`));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('GET /api/sync/progress', () => {
  it('answers only admins: 401 signed out, 403 for staff', async () => {
    state.user = null;
    expect((await get()).status).toBe(401);
    state.user = { ...admin, role: 'staff', locationIds: ['loc_a'] };
    expect(await get()).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

  it('follows a run as it is recorded: locations done of total, problems, then its end; the latest run without an id', async () => {
    state.user = admin;
    expect(await get()).toEqual({ status: 200, body: { progress: null } });
    expect((await get('?run=not-a-uuid')).status).toBe(400);

    const runId = await createSyncRun(t.db, 'incremental', 'web');
    await setRunTotal(t.db, runId, 2);
    expect((await get(`?run=${runId}`)).body.progress).toMatchObject({
      runId,
      status: 'running',
      isRunning: true,
      locationsTotal: 2,
      locationsDone: 0,
      problems: [],
    });
    await recordLocationDone(t.db, runId, 'loc_b: contacts scope missing');
    expect((await get(`?run=${runId}`)).body.progress).toMatchObject({
      locationsDone: 1,
      problems: ['loc_b: contacts scope missing'],
    });
    await recordLocationDone(t.db, runId, null);
    expect((await get()).body.progress).toMatchObject({
      runId,
      status: 'partial',
      isRunning: false,
      locationsDone: 2,
      finishedAt: expect.any(String),
    });
  });
});
