import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db/client';
import type { LocationBreakdownsResult } from '@/lib/metrics/get-location-breakdowns';
import type { SessionUser } from '@/lib/auth/session-user';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation, seedTransactions } from '@/tests/metrics/seed';

// The real GET /api/reports/breakdowns handler, with the session and database swapped.
const state = vi.hoisted(() => ({
  db: undefined as Db | undefined,
  user: null as SessionUser | null,
}));
vi.mock('@/lib/auth/get-session-user', () => ({ getSessionUser: async () => state.user }));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  db: () => state.db,
}));

const { GET } = await import('@/app/api/reports/breakdowns/route');

const admin: SessionUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'a@x.test',
  name: 'A',
  role: 'admin',
  locationIds: [],
};
const staff: SessionUser = {
  ...admin,
  id: '00000000-0000-4000-8000-000000000002',
  role: 'staff',
  locationIds: ['loc_b'],
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  await seedLocation(t.db, { id: 'loc_a', name: 'Alpha' });
  await seedLocation(t.db, { id: 'loc_b', name: 'Beta' });
  await seedLocation(t.db, { id: 'loc_old', archivedAt: new Date('2026-01-01T00:00:00Z') });
  await seedTransactions(t.db, 'loc_b', [{ createdAt: '2026-10-08T12:00:00Z', amount: '12.5' }]);
});
afterAll(async () => {
  await t?.drop();
});

const get = (query: string) => GET(new Request(`http://127.0.0.1/api/reports/breakdowns?${query}`));
const period = 'from=2026-10-01&to=2026-10-31';

describe('GET /api/reports/breakdowns', () => {
  it('answers 401 to a signed-out caller', async () => {
    state.user = null;
    expect((await get(`${period}&location=loc_b`)).status).toBe(401);
  });

  it("gives a user one of their locations' breakdowns", async () => {
    state.user = staff;
    const response = await get(`${period}&location=loc_b`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = (await response.json()) as NonNullable<LocationBreakdownsResult>;
    expect(body).toMatchObject({ locationId: 'loc_b', from: '2026-10-01', to: '2026-10-31' });
    expect(body.payments.currencies.map((c) => [c.currency, c.gross])).toEqual([['USD', '12.50']]);
    expect(body.pipelines.isAvailable).toBe(true);
  });

  it('answers 404, not the data, for a location that is not theirs, archived or unknown', async () => {
    state.user = staff;
    expect((await get(`${period}&location=loc_a`)).status).toBe(404);
    state.user = admin;
    for (const id of ['loc_old', 'loc_zz']) {
      const response = await get(`${period}&location=${id}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: 'not_found', message: 'No such location.' },
      });
    }
  });

  it('answers 400 without exactly one location, or with a bad period', async () => {
    state.user = admin;
    for (const query of [
      period,
      `${period}&location=loc_a&location=loc_b`,
      'from=2026-10-31&to=2026-10-01&location=loc_a',
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_input',
      );
    }
  });
});
