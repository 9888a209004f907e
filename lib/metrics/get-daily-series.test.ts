import { describe, expect, it } from 'vitest';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { getLocationDetail } from '@/lib/metrics/get-location-detail';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { ReportParamsError } from '@/lib/metrics/locations-report-params';
import { previousPeriod } from '@/lib/metrics/previous-period';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { useTestDatabase } from '@/tests/db';
import {
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedTransactions,
} from '@/tests/metrics/seed';

const t = useTestDatabase();

const rollup = (id: string) => recomputeDailyRollups(t.db, id, 'all');
const series = (from: string, to: string, locationIds?: string[]) =>
  getDailySeries(t.db, { from, to, locationIds });

describe('getDailySeries', () => {
  it('returns every day of the period, 0 on days without facts', async () => {
    await seedLocation(t.db, { id: 'd_dense', timezone: 'UTC' });
    await seedContacts(t.db, 'd_dense', [
      '2024-03-02T10:00:00Z',
      '2024-03-02T11:00:00Z',
      '2024-03-05T00:00:00Z',
    ]);
    await seedOpportunities(t.db, 'd_dense', [
      {
        createdAt: '2024-03-01T10:00:00Z',
        status: 'won',
        lastStatusChangeAt: '2024-03-04T10:00:00Z',
      },
      {
        createdAt: '2024-03-01T11:00:00Z',
        status: 'lost',
        lastStatusChangeAt: '2024-03-04T12:00:00Z',
      },
    ]);
    await rollup('d_dense');
    const result = await series('2024-02-28', '2024-03-05', ['d_dense']);
    expect(result.counts.map((p) => p.day)).toEqual([
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
      '2024-03-03',
      '2024-03-04',
      '2024-03-05',
    ]);
    expect(result.counts.map((p) => p.newContacts)).toEqual([0, 0, 0, 2, 0, 0, 1]);
    expect(result.counts.map((p) => p.opportunitiesCreated)).toEqual([0, 0, 2, 0, 0, 0, 0]);
    expect(result.counts[5]).toEqual({
      day: '2024-03-04',
      newContacts: 0,
      opportunitiesCreated: 0,
      opportunitiesWon: 1,
      opportunitiesLost: 1,
    });
    expect(result).toMatchObject({
      locations: 1,
      excluded: { contacts: 0, opportunities: 0, transactions: 0 },
      currencies: [],
    });
  });

  it('buckets by each location’s local day and sums across locations', async () => {
    await seedLocation(t.db, { id: 'd_kol', timezone: 'Asia/Kolkata' });
    await seedLocation(t.db, { id: 'd_utc', timezone: 'UTC' });
    for (const id of ['d_kol', 'd_utc']) {
      await seedContacts(t.db, id, ['2024-03-14T18:29:59.999Z', '2024-03-14T18:30:00.000Z']);
      await rollup(id);
    }
    const result = await series('2024-03-14', '2024-03-15', ['d_kol', 'd_utc']);
    // Kolkata: one on the 14th, one on the 15th; UTC: both on the 14th.
    expect(result.counts.map((p) => [p.day, p.newContacts])).toEqual([
      ['2024-03-14', 3],
      ['2024-03-15', 1],
    ]);
    // The same numbers as the report over the same days.
    const report = await getLocationsReport(t.db, {
      from: '2024-03-14',
      to: '2024-03-15',
      locationIds: ['d_kol', 'd_utc'],
    });
    expect(report.rows.reduce((sum, row) => sum + (row.newContacts ?? 0), 0)).toBe(4);
  });

  it('keeps one dense series per currency, never adding currencies up', async () => {
    await seedLocation(t.db, { id: 'd_usd', timezone: 'UTC' });
    await seedLocation(t.db, { id: 'd_multi', timezone: 'Asia/Tokyo' });
    await seedTransactions(t.db, 'd_usd', [
      { createdAt: '2024-06-01T10:00:00Z', amount: '10.00' },
      {
        createdAt: '2024-06-03T10:00:00Z',
        amount: '100.00',
        amountRefunded: '25.50',
        status: 'partially_refunded',
      },
      { createdAt: '2024-06-03T11:00:00Z', amount: '999', status: 'failed' },
    ]);
    await seedTransactions(t.db, 'd_multi', [
      { createdAt: '2024-06-01T16:00:00Z', amount: '5000', currency: 'JPY' }, // June 2 in Tokyo
      { createdAt: '2024-06-01T10:00:00Z', amount: '1.25', currency: 'USD' },
    ]);
    await rollup('d_usd');
    await rollup('d_multi');
    const result = await series('2024-06-01', '2024-06-03', ['d_usd', 'd_multi']);
    expect(result.currencies.map((c) => c.currency)).toEqual(['JPY', 'USD']);
    expect(result.currencies[0]!.points).toEqual([
      { day: '2024-06-01', paymentsCount: 0, gross: '0', refunded: '0', net: '0' },
      { day: '2024-06-02', paymentsCount: 1, gross: '5000', refunded: '0', net: '5000' },
      { day: '2024-06-03', paymentsCount: 0, gross: '0', refunded: '0', net: '0' },
    ]);
    expect(result.currencies[1]!.points).toEqual([
      { day: '2024-06-01', paymentsCount: 2, gross: '11.25', refunded: '0.00', net: '11.25' },
      { day: '2024-06-02', paymentsCount: 0, gross: '0.00', refunded: '0.00', net: '0.00' },
      { day: '2024-06-03', paymentsCount: 1, gross: '100.00', refunded: '25.50', net: '74.50' },
    ]);
  });

  it('leaves a location out of a series whose entity it cannot read, and says how many', async () => {
    await seedLocation(t.db, { id: 'd_ok', timezone: 'UTC' });
    await seedLocation(t.db, {
      id: 'd_blind',
      timezone: 'UTC',
      access: { contacts: 'scope_missing', transactions: 'never_synced' },
    });
    for (const id of ['d_ok', 'd_blind']) {
      await seedContacts(t.db, id, ['2024-08-01T10:00:00Z']);
      await seedOpportunities(t.db, id, [{ createdAt: '2024-08-01T10:00:00Z' }]);
      await seedTransactions(t.db, id, [
        {
          createdAt: '2024-08-01T10:00:00Z',
          amount: '5.00',
          currency: id === 'd_ok' ? 'USD' : 'EUR',
        },
      ]);
      await rollup(id);
    }
    const both = await series('2024-08-01', '2024-08-01', ['d_ok', 'd_blind']);
    expect(both.locations).toBe(2);
    expect(both.excluded).toEqual({ contacts: 1, opportunities: 0, transactions: 1 });
    expect(both.counts).toEqual([
      {
        day: '2024-08-01',
        newContacts: 1,
        opportunitiesCreated: 2,
        opportunitiesWon: 0,
        opportunitiesLost: 0,
      },
    ]);
    expect(both.currencies.map((c) => c.currency)).toEqual(['USD']);

    // Alone, the blind location's contacts are unavailable (null), not 0.
    const blind = await series('2024-08-01', '2024-08-02', ['d_blind']);
    expect(blind.counts.map((p) => p.newContacts)).toEqual([null, null]);
    expect(blind.counts.map((p) => p.opportunitiesCreated)).toEqual([1, 0]);
    expect(blind.currencies).toEqual([]);
    expect(blind.excluded).toEqual({ contacts: 1, opportunities: 0, transactions: 1 });
  });

  it('skips archived locations and answers an empty list of locations with zeros', async () => {
    await seedLocation(t.db, {
      id: 'd_gone',
      timezone: 'UTC',
      archivedAt: new Date('2024-01-01T00:00:00Z'),
    });
    await seedContacts(t.db, 'd_gone', ['2024-09-01T10:00:00Z']);
    await rollup('d_gone');
    const gone = await series('2024-09-01', '2024-09-01', ['d_gone']);
    expect(gone.locations).toBe(0);
    expect(gone.counts).toEqual([
      {
        day: '2024-09-01',
        newContacts: 0,
        opportunitiesCreated: 0,
        opportunitiesWon: 0,
        opportunitiesLost: 0,
      },
    ]);
    expect((await series('2024-09-01', '2024-09-02', [])).counts).toHaveLength(2);
  });

  it('refuses bad periods and periods too long to chart', async () => {
    await expect(series('2024-09-02', '2024-09-01')).rejects.toThrow(ReportParamsError);
    await expect(series('2000-01-01', '2024-09-01')).rejects.toThrow(/at most/);
  });
});

describe('previous period with the report', () => {
  it('compares a period with the same number of days just before it', async () => {
    await seedLocation(t.db, { id: 'd_prev', timezone: 'UTC' });
    await seedContacts(t.db, 'd_prev', [
      '2024-09-30T23:59:59Z',
      '2024-09-01T00:00:00Z',
      '2024-08-31T23:59:59Z',
      '2024-10-01T00:00:00Z',
    ]);
    await rollup('d_prev');
    const october = { from: '2024-10-01', to: '2024-10-31' };
    const previous = previousPeriod(october);
    expect(previous).toEqual({ from: '2024-08-31', to: '2024-09-30' });
    const [now] = (await getLocationsReport(t.db, { ...october, locationIds: ['d_prev'] })).rows;
    const [before] = (await getLocationsReport(t.db, { ...previous, locationIds: ['d_prev'] }))
      .rows;
    expect([now?.newContacts, before?.newContacts]).toEqual([1, 3]);
  });
});

describe('getLocationDetail', () => {
  it('names the unavailable entities with the stored reason', async () => {
    await seedLocation(t.db, {
      id: 'd_detail',
      name: 'Detail Co',
      timezone: 'Europe/Paris',
      access: { transactions: 'forbidden', subscriptions: 'never_synced' },
    });
    await t.db.locationAccess.update({
      where: { locationId_entity: { locationId: 'd_detail', entity: 'transactions' } },
      data: { message: 'The token is not authorized for this scope.' },
    });
    const detail = await getLocationDetail(t.db, { locationId: 'd_detail' });
    expect(detail).toMatchObject({
      locationId: 'd_detail',
      name: 'Detail Co',
      timezone: 'Europe/Paris',
      dataAsOf: '2030-01-01T00:00:00.000Z',
    });
    expect(detail?.entities.map((e) => [e.entity, e.isAvailable, e.status, e.message])).toEqual([
      ['contacts', true, 'ok', null],
      ['opportunities', true, 'ok', null],
      ['transactions', false, 'forbidden', 'The token is not authorized for this scope.'],
      ['subscriptions', false, 'ok', null],
    ]);
    expect(await getLocationDetail(t.db, { locationId: 'no_such' })).toBeNull();
    expect(await getLocationDetail(t.db, { locationId: 'd_gone' })).toBeNull();
  });
});
