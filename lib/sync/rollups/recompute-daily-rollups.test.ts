import { describe, expect, it } from 'vitest';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { useTestDatabase } from '@/tests/db';
import {
  readRollups,
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedTransactions,
} from '@/tests/metrics/seed';
import { bigLocationInstant, seedBigLocation } from '@/tests/metrics/seed-scale';

const t = useTestDatabase();

/** Days (YYYY-MM-DD) → new_contacts of the '' rows. */
async function contactDays(locationId: string): Promise<Record<string, number>> {
  const rows = await readRollups(t.db, locationId);
  return Object.fromEntries(
    rows.filter((r) => r.currency === '').map((r) => [r.day, r.newContacts]),
  );
}

describe('local day boundaries', () => {
  it('Asia/Kolkata (+05:30): 18:29:59.999Z is still the same day, 18:30:00Z the next', async () => {
    await seedLocation(t.db, { id: 'kol', timezone: 'Asia/Kolkata' });
    await seedContacts(t.db, 'kol', [
      '2024-03-14T18:29:59.999Z',
      '2024-03-14T18:30:00.000Z',
      '2024-03-13T18:30:00.000Z',
    ]);
    await recomputeDailyRollups(t.db, 'kol', 'all');
    expect(await contactDays('kol')).toEqual({ '2024-03-14': 2, '2024-03-15': 1 });
  });

  it('America/St_Johns: -03:30 in winter, -02:30 in summer', async () => {
    await seedLocation(t.db, { id: 'stj', timezone: 'America/St_Johns' });
    await seedContacts(t.db, 'stj', [
      '2024-01-15T03:29:59.999Z', // 2024-01-14 23:59:59.999 NST
      '2024-01-15T03:30:00.000Z', // 2024-01-15 00:00 NST
      '2024-07-15T02:29:59.999Z', // 2024-07-14 23:59:59.999 NDT
      '2024-07-15T02:30:00.000Z', // 2024-07-15 00:00 NDT
    ]);
    await recomputeDailyRollups(t.db, 'stj', 'all');
    expect(await contactDays('stj')).toEqual({
      '2024-01-14': 1,
      '2024-01-15': 1,
      '2024-07-14': 1,
      '2024-07-15': 1,
    });
  });

  it('Pacific/Auckland across DST: the 25-hour and the 23-hour day', async () => {
    await seedLocation(t.db, { id: 'akl', timezone: 'Pacific/Auckland' });
    await seedContacts(t.db, 'akl', [
      // 2024-04-07 (DST ends, 25 h) runs 2024-04-06T11:00Z (+13) .. 2024-04-07T12:00Z (+12)
      '2024-04-06T10:59:59.999Z',
      '2024-04-06T11:00:00.000Z',
      '2024-04-07T11:59:59.999Z',
      '2024-04-07T12:00:00.000Z',
      // 2024-09-29 (DST starts, 23 h) runs 2024-09-28T12:00Z (+12) .. 2024-09-29T11:00Z (+13)
      '2024-09-28T11:59:59.999Z',
      '2024-09-28T12:00:00.000Z',
      '2024-09-29T10:59:59.999Z',
      '2024-09-29T11:00:00.000Z',
    ]);
    await recomputeDailyRollups(t.db, 'akl', 'all');
    expect(await contactDays('akl')).toEqual({
      '2024-04-06': 1,
      '2024-04-07': 2,
      '2024-04-08': 1,
      '2024-09-28': 1,
      '2024-09-29': 2,
      '2024-09-30': 1,
    });
  });

  it('touched instants map to local days too (a Kolkata instant late on the UTC day)', async () => {
    await seedLocation(t.db, { id: 'kol2', timezone: 'Asia/Kolkata' });
    await seedContacts(t.db, 'kol2', ['2024-05-01T20:00:00Z']); // 2024-05-02 01:30 IST
    await recomputeDailyRollups(t.db, 'kol2', [new Date('2024-05-01T20:00:00Z')]);
    expect(await contactDays('kol2')).toEqual({ '2024-05-02': 1 });
  });

  it('an unknown stored time zone falls back to UTC instead of failing', async () => {
    await seedLocation(t.db, { id: 'badtz', timezone: 'Mars/Olympus_Mons' });
    await seedContacts(t.db, 'badtz', ['2024-03-14T23:59:59.999Z']);
    await recomputeDailyRollups(t.db, 'badtz', 'all');
    expect(await contactDays('badtz')).toEqual({ '2024-03-14': 1 });
  });
});

describe('what the rows hold', () => {
  it('opportunities: created by createdAt, won/lost by status now and lastStatusChangeAt', async () => {
    await seedLocation(t.db, { id: 'opp' });
    await seedOpportunities(t.db, 'opp', [
      { createdAt: '2024-02-01T10:00:00Z' },
      {
        createdAt: '2024-02-01T11:00:00Z',
        status: 'won',
        monetaryValue: '100.10',
        lastStatusChangeAt: '2024-02-03T10:00:00Z',
      },
      {
        createdAt: '2024-01-20T11:00:00Z',
        status: 'won',
        monetaryValue: null,
        lastStatusChangeAt: '2024-02-03T12:00:00Z',
      },
      {
        createdAt: '2024-01-20T12:00:00Z',
        status: 'won',
        monetaryValue: '0.05',
        lastStatusChangeAt: '2024-02-03T13:00:00Z',
      },
      {
        createdAt: '2024-01-21T12:00:00Z',
        status: 'lost',
        monetaryValue: '999',
        lastStatusChangeAt: '2024-02-03T14:00:00Z',
      },
      // an open or abandoned opportunity's status change counts for nothing
      {
        createdAt: '2024-01-22T12:00:00Z',
        status: 'open',
        lastStatusChangeAt: '2024-02-04T14:00:00Z',
      },
      {
        createdAt: '2024-01-22T13:00:00Z',
        status: 'abandoned',
        lastStatusChangeAt: '2024-02-04T15:00:00Z',
      },
      // won without a status-change time has no day to be counted on
      {
        createdAt: '2024-01-22T14:00:00Z',
        status: 'won',
        monetaryValue: '5',
        lastStatusChangeAt: null,
      },
    ]);
    await recomputeDailyRollups(t.db, 'opp', 'all');
    const rows = await readRollups(t.db, 'opp');
    const zero = {
      newContacts: 0,
      opportunitiesWon: 0,
      opportunitiesLost: 0,
      wonValue: '0.00',
      paymentsCount: 0,
      paymentsGross: '0.0000',
      paymentsRefunded: '0.0000',
    };
    expect(rows).toEqual([
      { ...zero, day: '2024-01-20', currency: '', opportunitiesCreated: 2 },
      { ...zero, day: '2024-01-21', currency: '', opportunitiesCreated: 1 },
      { ...zero, day: '2024-01-22', currency: '', opportunitiesCreated: 3 },
      { ...zero, day: '2024-02-01', currency: '', opportunitiesCreated: 2 },
      {
        ...zero,
        day: '2024-02-03',
        currency: '',
        opportunitiesCreated: 0,
        opportunitiesWon: 3,
        opportunitiesLost: 1,
        wonValue: '100.15',
      },
    ]);
  });

  it('payments: one row per currency, live and counted statuses only, refunds summed', async () => {
    await seedLocation(t.db, { id: 'pay' });
    const day = '2024-06-01T12:00:00Z';
    await seedTransactions(t.db, 'pay', [
      { createdAt: day, amount: '10.50', currency: 'USD' },
      {
        createdAt: day,
        amount: '20.25',
        amountRefunded: '5.25',
        currency: 'USD',
        status: 'partially_refunded',
      },
      { createdAt: day, amount: '30', amountRefunded: '30', currency: 'USD', status: 'refunded' },
      { createdAt: day, amount: '5000', currency: 'JPY' },
      { createdAt: day, amount: '1000', currency: 'USD', liveMode: false },
      { createdAt: day, amount: '1000', currency: 'USD', status: 'failed' },
      { createdAt: day, amount: '1000', currency: 'USD', status: 'pending' },
      { createdAt: day, amount: '1000', currency: 'JPY', status: 'void' },
    ]);
    await seedContacts(t.db, 'pay', [day]);
    await recomputeDailyRollups(t.db, 'pay', 'all');
    const rows = await readRollups(t.db, 'pay');
    expect(
      rows.map((r) => [
        r.currency,
        r.newContacts,
        r.paymentsCount,
        r.paymentsGross,
        r.paymentsRefunded,
      ]),
    ).toEqual([
      ['', 1, 0, '0.0000', '0.0000'],
      ['JPY', 0, 1, '5000.0000', '0.0000'],
      ['USD', 0, 3, '60.7500', '35.2500'],
    ]);
  });

  it('a day whose facts are all gone loses its rows (no zero rows)', async () => {
    await seedLocation(t.db, { id: 'gone' });
    await seedContacts(t.db, 'gone', ['2024-01-01T00:00:00Z']);
    await recomputeDailyRollups(t.db, 'gone', 'all');
    expect(await readRollups(t.db, 'gone')).toHaveLength(1);
    await t.db.contact.deleteMany({ where: { locationId: 'gone' } });
    await recomputeDailyRollups(t.db, 'gone', [new Date('2024-01-01T00:00:00Z')]);
    expect(await readRollups(t.db, 'gone')).toEqual([]);
  });

  it('is a no-op for no instants or an unknown location', async () => {
    await recomputeDailyRollups(t.db, 'gone', []);
    await recomputeDailyRollups(t.db, 'nowhere', 'all');
    await recomputeDailyRollups(t.db, 'nowhere', [new Date()]);
  });

  it('joins the caller’s interactive transaction when given one', async () => {
    await seedLocation(t.db, { id: 'tx' });
    await seedContacts(t.db, 'tx', ['2024-01-01T00:00:00Z']);
    await t.db.$transaction(async (tx) => {
      await recomputeDailyRollups(tx, 'tx', [new Date('2024-01-01T00:00:00Z')]);
    });
    expect(await contactDays('tx')).toEqual({ '2024-01-01': 1 });
  });
});

describe('recomputing only the touched days', () => {
  it('leaves other days intact and equals a full recompute', async () => {
    await seedLocation(t.db, { id: 'inc', timezone: 'America/St_Johns' });
    await seedContacts(t.db, 'inc', [
      '2024-03-01T12:00:00Z',
      '2024-03-02T12:00:00Z',
      '2024-03-05T12:00:00Z',
    ]);
    const [oppId] = await seedOpportunities(t.db, 'inc', [
      {
        createdAt: '2024-03-01T12:00:00Z',
        status: 'won',
        monetaryValue: '50',
        lastStatusChangeAt: '2024-03-02T12:00:00Z',
      },
    ]);
    const [txId] = await seedTransactions(t.db, 'inc', [
      { createdAt: '2024-03-02T12:00:00Z', amount: '12.34', currency: 'EUR' },
    ]);
    await recomputeDailyRollups(t.db, 'inc', 'all');

    // A sentinel on an untouched day proves it is not rewritten.
    await t.db.dailyRollup.updateMany({
      where: { locationId: 'inc', day: new Date('2024-03-05') },
      data: { newContacts: 99 },
    });

    // The sync's changes: a new contact, a deleted transaction, an opportunity now lost later on.
    await seedContacts(t.db, 'inc', ['2024-03-03T12:00:00Z']);
    await t.db.transaction.delete({ where: { locationId_id: { locationId: 'inc', id: txId! } } });
    const oldChange = new Date('2024-03-02T12:00:00Z');
    const newChange = new Date('2024-03-04T12:00:00Z');
    await t.db.opportunity.update({
      where: { locationId_id: { locationId: 'inc', id: oppId! } },
      data: { status: 'lost', lastStatusChangeAt: newChange },
    });
    await recomputeDailyRollups(t.db, 'inc', [
      new Date('2024-03-03T12:00:00Z'),
      new Date('2024-03-02T12:00:00Z'),
      oldChange,
      newChange,
      new Date('2024-03-01T12:00:00Z'),
    ]);
    const touched = await readRollups(t.db, 'inc');
    expect(touched.find((r) => r.day === '2024-03-05')?.newContacts).toBe(99);

    await t.db.dailyRollup.updateMany({
      where: { locationId: 'inc', day: new Date('2024-03-05') },
      data: { newContacts: 1 },
    });
    const repaired = await readRollups(t.db, 'inc');
    await recomputeDailyRollups(t.db, 'inc', 'all');
    const full = await readRollups(t.db, 'inc');
    expect(repaired).toEqual(full);
    expect(
      full.map((r) => [r.day, r.currency, r.newContacts, r.opportunitiesWon, r.opportunitiesLost]),
    ).toEqual([
      ['2024-03-01', '', 1, 0, 0],
      ['2024-03-02', '', 1, 0, 0],
      ['2024-03-03', '', 1, 0, 0],
      ['2024-03-04', '', 0, 0, 1],
      ['2024-03-05', '', 1, 0, 0],
    ]);
  });
});

describe('scope', () => {
  // How long a recompute takes on a given machine is printed by `npx tsx bench/metrics.ts`; here
  // only what keeps it cheap is asserted: it rewrites the touched days' rows and no others.
  it('rewrites only the rows of the touched local days, and agrees with a full rebuild', async () => {
    const touched = await seedBigLocation(t.db, 'big');
    await recomputeDailyRollups(t.db, 'big', 'all');
    const versions = async () =>
      new Map(
        (
          await t.db.$queryRaw<{ key: string; version: string }[]>`
            SELECT day::text || '/' || currency AS key, xmin::text AS version
            FROM daily_rollups WHERE location_id = 'big'`
        ).map((row) => [row.key, row.version]),
      );
    const before = await versions();
    expect(before.size).toBeGreaterThan(400);

    // Two instants, each in a different Auckland day (the first is 2023-01-01 in UTC, 13:00 NZDT).
    const two = [bigLocationInstant(0), bigLocationInstant(1)];
    const localDays = new Set(
      two.map((d) => d.toLocaleDateString('en-CA', { timeZone: 'Pacific/Auckland' })),
    );
    expect(localDays.size).toBe(2);
    await recomputeDailyRollups(t.db, 'big', two);
    const after = await versions();
    const rewritten = [...before.keys()].filter((key) => after.get(key) !== before.get(key));
    expect(new Set(rewritten.map((key) => key.split('/')[0]))).toEqual(localDays);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());

    // What the sync passes after a first sync (every fact's instants) repairs to the same rows.
    const full = await readRollups(t.db, 'big');
    await recomputeDailyRollups(t.db, 'big', touched);
    expect(await readRollups(t.db, 'big')).toEqual(full);
  });
});
