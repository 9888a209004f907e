import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation, seedTransactions } from '@/tests/metrics/seed';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { refreshLocationCurrency } from './refresh-location-currency';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const currencyOf = async (id: string) =>
  (await t.db.location.findUniqueOrThrow({ where: { id } })).currency;

describe('refreshLocationCurrency', () => {
  it('stores the currency most payments are in, keeps it without payments, and the report carries it', async () => {
    await seedLocation(t.db, { id: 'cur_tokyo', timezone: 'Asia/Tokyo' });
    await seedTransactions(t.db, 'cur_tokyo', [
      { createdAt: '2026-10-02T00:00:00Z', amount: '5000', currency: 'JPY' },
      { createdAt: '2026-10-03T00:00:00Z', amount: '7000', currency: 'JPY' },
      { createdAt: '2026-10-03T00:00:00Z', amount: '12.50', currency: 'USD' },
    ]);
    await recomputeDailyRollups(t.db, 'cur_tokyo', 'all');
    await refreshLocationCurrency(t.db, 'cur_tokyo');
    expect(await currencyOf('cur_tokyo')).toBe('JPY');

    // A tie goes to the code first A–Z; never paid: nothing to derive, null stays null.
    await seedLocation(t.db, { id: 'cur_tie' });
    await seedTransactions(t.db, 'cur_tie', [
      { createdAt: '2026-10-02T00:00:00Z', amount: '1', currency: 'USD' },
      { createdAt: '2026-10-02T00:00:00Z', amount: '1', currency: 'EUR' },
    ]);
    await recomputeDailyRollups(t.db, 'cur_tie', 'all');
    await refreshLocationCurrency(t.db, 'cur_tie');
    expect(await currencyOf('cur_tie')).toBe('EUR');
    await seedLocation(t.db, { id: 'cur_none' });
    await refreshLocationCurrency(t.db, 'cur_none');
    expect(await currencyOf('cur_none')).toBeNull();

    const { rows } = await getLocationsReport(t.db, { from: '2026-10-01', to: '2026-10-31' });
    const tokyo = rows.filter((row) => row.locationId === 'cur_tokyo');
    expect(tokyo.map((row) => [row.currency, row.locationCurrency])).toEqual([
      ['JPY', 'JPY'],
      ['USD', 'JPY'],
    ]);
    // Not a CSV column, and absent (not null) when unknown.
    expect(rows.find((row) => row.locationId === 'cur_none')).not.toHaveProperty(
      'locationCurrency',
    );
  });
});
