import { describe, expect, it } from 'vitest';
import { getLocationsReport, type LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { ReportParamsError } from '@/lib/metrics/locations-report-params';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { useTestDatabase } from '@/tests/db';
import {
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedSubscriptions,
  seedTransactions,
  setAccess,
} from '@/tests/metrics/seed';

const t = useTestDatabase();

const rollup = (id: string) => recomputeDailyRollups(t.db, id, 'all');
const report = (from: string, to: string, locationIds: string[]) =>
  getLocationsReport(t.db, { from, to, locationIds }).then((r) => r.rows);
const pick = <K extends keyof LocationsReportRow>(rows: LocationsReportRow[], ...keys: K[]) =>
  rows.map((row) => Object.fromEntries(keys.map((k) => [k, row[k]])));

describe('the period is local days in each location’s own time zone', () => {
  it('counts the same instant on different days in Kolkata and UTC', async () => {
    await seedLocation(t.db, { id: 'p_kol', name: 'P Kolkata', timezone: 'Asia/Kolkata' });
    await seedLocation(t.db, { id: 'p_utc', name: 'P UTC', timezone: 'UTC' });
    for (const id of ['p_kol', 'p_utc']) {
      await seedContacts(t.db, id, ['2024-03-14T18:29:59.999Z', '2024-03-14T18:30:00.000Z']);
      await rollup(id);
    }
    const rows = await report('2024-03-15', '2024-03-31', ['p_kol', 'p_utc']);
    expect(pick(rows, 'locationId', 'newContacts', 'totalContacts')).toEqual([
      { locationId: 'p_kol', newContacts: 1, totalContacts: 2 },
      { locationId: 'p_utc', newContacts: 0, totalContacts: 2 },
    ]);
    const day14 = await report('2024-03-14', '2024-03-14', ['p_kol', 'p_utc']);
    expect(pick(day14, 'newContacts', 'totalContacts')).toEqual([
      { newContacts: 1, totalContacts: 1 },
      { newContacts: 2, totalContacts: 2 },
    ]);
  });

  it('St_Johns and Auckland periods include both end days whole', async () => {
    await seedLocation(t.db, { id: 'p_stj', timezone: 'America/St_Johns' });
    await seedContacts(t.db, 'p_stj', [
      '2024-07-01T02:29:59.999Z',
      '2024-07-01T02:30:00Z',
      '2024-07-03T02:29:59.999Z',
      '2024-07-03T02:30:00Z',
    ]);
    await seedLocation(t.db, { id: 'p_akl', timezone: 'Pacific/Auckland' });
    await seedContacts(t.db, 'p_akl', [
      '2024-04-06T10:59:59.999Z',
      '2024-04-06T11:00:00Z',
      '2024-04-07T11:59:59.999Z',
      '2024-04-07T12:00:00Z',
    ]);
    await rollup('p_stj');
    await rollup('p_akl');
    const [stj] = await report('2024-07-01', '2024-07-02', ['p_stj']);
    expect(stj?.newContacts).toBe(2);
    const [akl] = await report('2024-04-07', '2024-04-07', ['p_akl']);
    expect(akl?.newContacts).toBe(2);
  });
});

describe('metrics', () => {
  it('computes every column for one location and repeats non-payment columns per currency', async () => {
    await seedLocation(t.db, {
      id: 'm',
      name: 'Metric Co',
      timezone: 'UTC',
      lastSyncedAt: new Date('2024-07-01T08:09:10.123Z'),
    });
    await seedContacts(t.db, 'm', [
      '2024-05-31T23:59:59Z',
      '2024-06-01T00:00:00Z',
      '2024-06-30T23:59:59Z',
      '2024-07-01T00:00:00Z',
    ]);
    await seedOpportunities(t.db, 'm', [
      {
        createdAt: '2024-06-02T00:00:00Z',
        status: 'won',
        monetaryValue: '100.10',
        lastStatusChangeAt: '2024-06-03T00:00:00Z',
      },
      {
        createdAt: '2024-05-02T00:00:00Z',
        status: 'won',
        monetaryValue: '0.20',
        lastStatusChangeAt: '2024-06-04T00:00:00Z',
      },
      {
        createdAt: '2024-05-02T00:00:00Z',
        status: 'lost',
        monetaryValue: '50',
        lastStatusChangeAt: '2024-06-05T00:00:00Z',
      },
      {
        createdAt: '2024-05-02T00:00:00Z',
        status: 'won',
        monetaryValue: '7',
        lastStatusChangeAt: '2024-07-05T00:00:00Z',
      },
      // open now: the snapshot counts them whatever their dates
      { createdAt: '2024-06-10T00:00:00Z', status: 'open', monetaryValue: '1000.01' },
      { createdAt: '2025-01-10T00:00:00Z', status: 'open', monetaryValue: '0.99' },
      { createdAt: '2024-06-11T00:00:00Z', status: 'open', monetaryValue: null },
      { createdAt: '2024-06-12T00:00:00Z', status: 'abandoned', monetaryValue: '5' },
    ]);
    await seedTransactions(t.db, 'm', [
      { createdAt: '2024-06-15T00:00:00Z', amount: '10.00', currency: 'USD' },
      {
        createdAt: '2024-06-15T00:00:00Z',
        amount: '20.50',
        amountRefunded: '20.50',
        currency: 'USD',
        status: 'refunded',
      },
      {
        createdAt: '2024-06-16T00:00:00Z',
        amount: '5.25',
        amountRefunded: '1.25',
        currency: 'USD',
        status: 'partially_refunded',
      },
      { createdAt: '2024-06-15T00:00:00Z', amount: '12000', currency: 'JPY' },
      {
        createdAt: '2024-06-16T00:00:00Z',
        amount: '300',
        amountRefunded: '100',
        currency: 'JPY',
        status: 'partially_refunded',
      },
      { createdAt: '2024-06-15T00:00:00Z', amount: '999', currency: 'USD', liveMode: false },
      { createdAt: '2024-06-15T00:00:00Z', amount: '999', currency: 'USD', status: 'failed' },
      { createdAt: '2024-06-15T00:00:00Z', amount: '999', currency: 'USD', status: 'pending' },
      { createdAt: '2024-07-01T00:00:00Z', amount: '999', currency: 'USD' },
    ]);
    await seedSubscriptions(t.db, 'm', [
      {},
      {},
      { liveMode: false },
      { status: 'canceled' },
      { currency: 'JPY' },
    ]);
    await rollup('m');

    const rows = await report('2024-06-01', '2024-06-30', ['m']);
    const common = {
      locationId: 'm',
      locationName: 'Metric Co',
      timezone: 'UTC',
      newContacts: 2,
      totalContacts: 3,
      opportunitiesCreated: 4,
      opportunitiesWon: 2,
      opportunitiesLost: 1,
      wonValue: '100.30',
      openPipelineValue: '1001.00',
      winRate: '0.6667',
      activeSubscriptions: 3,
      dataAsOf: '2024-07-01T08:09:10.123Z',
      unavailable: [],
    };
    expect(rows).toEqual([
      {
        ...common,
        currency: 'JPY',
        paymentsCount: 2,
        paymentsGross: '12300',
        paymentsRefunded: '100',
        paymentsNet: '12200',
      },
      {
        ...common,
        currency: 'USD',
        paymentsCount: 3,
        paymentsGross: '35.75',
        paymentsRefunded: '21.75',
        paymentsNet: '14.00',
      },
    ]);
  });

  it('gives a location without payments one row, empty currency, payment columns 0', async () => {
    await seedLocation(t.db, { id: 'nopay', lastSyncedAt: null });
    await seedOpportunities(t.db, 'nopay', [
      {
        createdAt: '2024-06-02T00:00:00Z',
        status: 'won',
        monetaryValue: '1',
        lastStatusChangeAt: '2024-06-03T00:00:00Z',
      },
    ]);
    await rollup('nopay');
    const rows = await report('2024-06-01', '2024-06-30', ['nopay']);
    expect(
      pick(
        rows,
        'currency',
        'paymentsCount',
        'paymentsGross',
        'paymentsRefunded',
        'paymentsNet',
        'winRate',
        'dataAsOf',
        'activeSubscriptions',
      ),
    ).toEqual([
      {
        currency: '',
        paymentsCount: 0,
        paymentsGross: '0.00',
        paymentsRefunded: '0.00',
        paymentsNet: '0.00',
        winRate: '1.0000',
        dataAsOf: null,
        activeSubscriptions: 0,
      },
    ]);
  });

  it('leaves win_rate empty when nothing was won or lost', async () => {
    await seedLocation(t.db, { id: 'nowin' });
    await seedOpportunities(t.db, 'nowin', [{ createdAt: '2024-06-02T00:00:00Z' }]);
    await rollup('nowin');
    const [row] = await report('2024-06-01', '2024-06-30', ['nowin']);
    expect(row).toMatchObject({
      opportunitiesCreated: 1,
      opportunitiesWon: 0,
      opportunitiesLost: 0,
      winRate: null,
    });
  });

  it('rounds win_rate to 4 decimals', async () => {
    await seedLocation(t.db, { id: 'rate' });
    const won = {
      createdAt: '2024-06-01T00:00:00Z',
      status: 'won' as const,
      lastStatusChangeAt: '2024-06-02T00:00:00Z',
    };
    const lost = { ...won, status: 'lost' as const };
    await seedOpportunities(t.db, 'rate', [won, lost, lost, lost, lost, lost]);
    await rollup('rate');
    const [row] = await report('2024-06-01', '2024-06-30', ['rate']);
    expect(row?.winRate).toBe('0.1667');
  });
});

describe('availability', () => {
  it('shows unreadable metrics as null, never 0, and keeps the rest', async () => {
    await seedLocation(t.db, {
      id: 'u1',
      access: { contacts: 'scope_missing', subscriptions: 'forbidden' },
    });
    await seedContacts(t.db, 'u1', ['2024-06-02T00:00:00Z']);
    await seedOpportunities(t.db, 'u1', [{ createdAt: '2024-06-02T00:00:00Z' }]);
    await seedTransactions(t.db, 'u1', [{ createdAt: '2024-06-02T00:00:00Z', amount: '10' }]);
    await seedSubscriptions(t.db, 'u1', [{}]);
    await rollup('u1');
    const [row] = await report('2024-06-01', '2024-06-30', ['u1']);
    expect(row).toMatchObject({
      newContacts: null,
      totalContacts: null,
      opportunitiesCreated: 1,
      currency: 'USD',
      paymentsCount: 1,
      activeSubscriptions: null,
      unavailable: ['contacts', 'subscriptions'],
    });
  });

  it('gives one row with empty currency and empty payment cells when transactions are unavailable', async () => {
    await seedLocation(t.db, { id: 'u2', access: { transactions: 'token_revoked' } });
    await seedTransactions(t.db, 'u2', [
      { createdAt: '2024-06-02T00:00:00Z', amount: '10', currency: 'USD' },
      { createdAt: '2024-06-02T00:00:00Z', amount: '10', currency: 'EUR' },
    ]);
    await rollup('u2');
    const rows = await report('2024-06-01', '2024-06-30', ['u2']);
    expect(
      pick(
        rows,
        'currency',
        'paymentsCount',
        'paymentsGross',
        'paymentsRefunded',
        'paymentsNet',
        'newContacts',
      ),
    ).toEqual([
      {
        currency: '',
        paymentsCount: null,
        paymentsGross: null,
        paymentsRefunded: null,
        paymentsNet: null,
        newContacts: 0,
      },
    ]);
  });

  it('needs a completed sync as well as status ok', async () => {
    await seedLocation(t.db, { id: 'u3', access: { opportunities: 'never_synced' } });
    const [row] = await report('2024-06-01', '2024-06-30', ['u3']);
    expect(row).toMatchObject({
      opportunitiesCreated: null,
      wonValue: null,
      openPipelineValue: null,
      winRate: null,
      newContacts: 0,
    });
    await setAccess(t.db, 'u3', { opportunities: 'ok' });
    const [after] = await report('2024-06-01', '2024-06-30', ['u3']);
    expect(after).toMatchObject({
      opportunitiesCreated: 0,
      wonValue: '0.00',
      openPipelineValue: '0.00',
      unavailable: [],
    });
  });

  it('treats a location the sync never reached as unavailable everywhere', async () => {
    await t.db.location.create({ data: { id: 'u4', companyId: 'c', name: 'u4', timezone: 'UTC' } });
    const [row] = await report('2024-06-01', '2024-06-30', ['u4']);
    expect(row).toMatchObject({
      currency: '',
      newContacts: null,
      paymentsCount: null,
      activeSubscriptions: null,
      dataAsOf: null,
    });
    expect(row?.unavailable).toEqual([
      'contacts',
      'opportunities',
      'transactions',
      'subscriptions',
    ]);
  });
});

describe('which locations, in what order', () => {
  it('leaves archived out, orders by name then id then currency, and honours locationIds', async () => {
    await seedLocation(t.db, { id: 'o_3', name: 'Bravo' });
    await seedLocation(t.db, { id: 'o_2', name: 'Alpha' });
    await seedLocation(t.db, { id: 'o_1', name: 'Bravo' });
    await seedLocation(t.db, {
      id: 'o_4',
      name: 'Aardvark',
      archivedAt: new Date('2024-01-01T00:00:00Z'),
    });
    await seedTransactions(t.db, 'o_1', [
      { createdAt: '2024-06-02T00:00:00Z', amount: '1', currency: 'USD' },
      { createdAt: '2024-06-02T00:00:00Z', amount: '1', currency: 'EUR' },
    ]);
    await rollup('o_1');
    const ids = ['o_1', 'o_2', 'o_3', 'o_4'];
    const rows = await report('2024-06-01', '2024-06-30', ids);
    expect(rows.map((r) => [r.locationName, r.locationId, r.currency])).toEqual([
      ['Alpha', 'o_2', ''],
      ['Bravo', 'o_1', 'EUR'],
      ['Bravo', 'o_1', 'USD'],
      ['Bravo', 'o_3', ''],
    ]);
    expect((await report('2024-06-01', '2024-06-30', ['o_3'])).map((r) => r.locationId)).toEqual([
      'o_3',
    ]);
    expect(await report('2024-06-01', '2024-06-30', [])).toEqual([]);
    const all = await getLocationsReport(t.db, { from: '2024-06-01', to: '2024-06-30' });
    expect(all.rows.some((r) => r.locationId === 'o_4')).toBe(false);
    expect(all.rows.filter((r) => ids.includes(r.locationId))).toHaveLength(4);
  });
});

describe('params', () => {
  it.each([
    [
      { from: '2024-02-30', to: '2024-03-01' },
      /from: not a real calendar date \(got "2024-02-30"\)/,
    ],
    [{ from: '2024-1-1', to: '2024-03-01' }, /from: expected a date as YYYY-MM-DD/],
    [{ from: '2024-03-02', to: '2024-03-01' }, /to: must be on or after "from"/],
    [{ to: '2024-03-01' }, /from: expected a date/],
  ])('rejects %j', async (params, message) => {
    const attempt = getLocationsReport(t.db, params as never);
    await expect(attempt).rejects.toThrow(ReportParamsError);
    await expect(getLocationsReport(t.db, params as never)).rejects.toThrow(message);
  });

  it('echoes the validated period', async () => {
    const result = await getLocationsReport(t.db, {
      from: '2024-02-29',
      to: '2024-02-29',
      locationIds: [],
    });
    expect(result).toEqual({ from: '2024-02-29', to: '2024-02-29', rows: [] });
  });
});
