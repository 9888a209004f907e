import { describe, expect, it } from 'vitest';
import type { LocationBreakdownsResult } from '@/lib/metrics/get-location-breakdowns';
import { seedLocation, seedTransactions } from '@/tests/metrics/seed';
import { admin, mockSignedIn, staffOf, state } from '@/tests/signed-in';
import { useSignedInDatabase } from '@/tests/signed-in-database';

// The real GET /api/reports/breakdowns handler, with the session and database swapped.
mockSignedIn();
const { GET } = await import('@/app/api/reports/breakdowns/route');

const staff = staffOf(['loc_b']);
useSignedInDatabase(async ({ db }) => {
  await seedLocation(db, { id: 'loc_a', name: 'Alpha' });
  await seedLocation(db, { id: 'loc_b', name: 'Beta' });
  await seedLocation(db, { id: 'loc_old', archivedAt: new Date('2026-01-01T00:00:00Z') });
  await seedTransactions(db, 'loc_b', [{ createdAt: '2026-10-08T12:00:00Z', amount: '12.5' }]);
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
