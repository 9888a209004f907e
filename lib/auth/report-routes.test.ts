import { describe, expect, it } from 'vitest';
import type { LocationsReportResult } from '@/lib/metrics/get-locations-report';
import { LOCATIONS_CSV_HEADERS } from '@/lib/metrics/locations-report-columns';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { seedContacts, seedLocation, seedTransactions } from '@/tests/metrics/seed';
import { admin, mockSignedIn, staffOf, state } from '@/tests/signed-in';
import { useSignedInDatabase } from '@/tests/signed-in-database';

// The real route handlers, with the session and the database swapped for this file's own.
mockSignedIn();
const { GET: getJson } = await import('@/app/api/reports/locations/route');
const { GET: getCsv } = await import('@/app/api/reports/locations.csv/route');
const { GET: getDaily } = await import('@/app/api/reports/daily/route');

const staff = staffOf(['loc_b']);
useSignedInDatabase(async ({ db }) => {
  await seedLocation(db, { id: 'loc_a', name: '=Alpha' });
  await seedLocation(db, { id: 'loc_b', name: 'Beta' });
  await seedContacts(db, 'loc_a', ['2026-10-05T12:00:00Z']);
  await seedContacts(db, 'loc_b', ['2026-10-06T12:00:00Z', '2026-10-07T12:00:00Z']);
  await seedTransactions(db, 'loc_b', [{ createdAt: '2026-10-08T12:00:00Z', amount: '12.5' }]);
  for (const id of ['loc_a', 'loc_b']) await recomputeDailyRollups(db, id, 'all');
});

const url = (path: string, query: string) => new Request(`http://127.0.0.1${path}?${query}`);
const json = (query: string) => getJson(url('/api/reports/locations', query));
const csv = (query: string) => getCsv(url('/api/reports/locations.csv', query));
const period = 'from=2026-10-01&to=2026-10-31';

describe('report routes: authorization', () => {
  it('answer 401 to a signed-out caller, before even looking at the parameters', async () => {
    state.user = null;
    for (const response of [await json(period), await csv(period), await json('from=nonsense')]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'unauthenticated', message: 'Sign in to see reports.' },
      });
    }
  });

  it('give admins every location', async () => {
    state.user = admin;
    const response = await json(period);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = (await response.json()) as LocationsReportResult;
    expect(body.rows.map((row) => [row.locationId, row.newContacts])).toEqual([
      ['loc_a', 1],
      ['loc_b', 2],
    ]);
  });

  it('give staff only their locations, in JSON and CSV alike', async () => {
    state.user = staff;
    const body = (await (await json(period)).json()) as LocationsReportResult;
    expect(body.rows.map((row) => row.locationId)).toEqual(['loc_b']);
    expect(body.rows[0]).toMatchObject({ paymentsGross: '12.50', currency: 'USD' });
    const text = await (await csv(period)).text();
    expect(text).not.toContain('loc_a');
    expect(text.split('\r\n')[1]).toMatch(/^loc_b,Beta,UTC,USD,2,2,/);
  });

  it('answer 404 — not the data — when staff ask for another location', async () => {
    state.user = staff;
    for (const response of [
      await json(`${period}&location=loc_a`),
      await csv(`${period}&location=loc_a`),
      await json(`${period}&location=loc_b&location=loc_a`),
    ]) {
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(text).not.toContain('Alpha');
      expect(JSON.parse(text)).toEqual({
        error: { code: 'not_found', message: 'No such location.' },
      });
    }
    const own = (await (await json(`${period}&location=loc_b`)).json()) as LocationsReportResult;
    expect(own.rows.map((row) => row.locationId)).toEqual(['loc_b']);
  });

  it('give a staff user with no locations an empty report', async () => {
    state.user = { ...staff, locationIds: [] };
    expect(((await (await json(period)).json()) as LocationsReportResult).rows).toEqual([]);
  });

  it('answer 400 naming the field for a bad period', async () => {
    state.user = admin;
    const response = await json('from=2026-10-31&to=2026-10-01');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /to: must be on or after "from"/,
    );
    expect((await json('to=2026-10-01')).status).toBe(400);
  });
});

describe('CSV download', () => {
  it('is the report through the one CSV writer, named after the period, with formula-guarded names', async () => {
    state.user = admin;
    const response = await csv(period);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      'filename="agency-pulse-locations_2026-10-01_2026-10-31.csv"',
    );
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe(LOCATIONS_CSV_HEADERS.join(','));
    expect(lines[1]).toMatch(/^loc_a,'=Alpha,UTC,,1,1,/);
  });
});

describe('report routes: dates the product does not cover', () => {
  it.each([
    ['from=0000-01-01&to=0000-01-02', 'from'],
    ['from=1999-12-31&to=2000-01-05', 'from'],
    ['from=2100-12-01&to=2101-01-01', 'to'],
    ['from=9999-12-31&to=9999-12-31', 'from'],
  ])(
    'answer %s with 400 invalid_input naming the field, on every report route',
    async (query, field) => {
      state.user = admin;
      for (const path of [
        '/api/reports/locations',
        '/api/reports/locations.csv',
        '/api/reports/daily',
      ]) {
        const handler = path.endsWith('.csv')
          ? getCsv
          : path.endsWith('daily')
            ? getDaily
            : getJson;
        const response = await handler(url(path, query));
        expect(response.status, path).toBe(400);
        const body = (await response.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('invalid_input');
        expect(body.error.message).toContain(
          `${field}: expected a day from 2000-01-01 to 2100-12-31`,
        );
      }
    },
  );

  it('still answer the edges of the range', async () => {
    state.user = admin;
    expect((await json('from=2000-01-01&to=2000-01-31')).status).toBe(200);
    expect((await json('from=2100-12-01&to=2100-12-31')).status).toBe(200);
  });
});
