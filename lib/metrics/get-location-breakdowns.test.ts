import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLocationBreakdowns } from '@/lib/metrics/get-location-breakdowns';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation, seedOpportunities, seedTransactions } from '@/tests/metrics/seed';

// The edges the simulator never produces: stages and pipelines the sync has not cached, blank
// sources and currencies, a stage with nothing open, and one entity unavailable beside another.

let t: TestDatabase;
const period = { from: '2026-10-01', to: '2026-10-31' };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedLocation(t.db, { id: 'loc_a', name: 'Alpha', timezone: 'Asia/Kolkata' });
  await t.db.pipeline.create({
    data: { locationId: 'loc_a', id: 'p_1', name: 'Sales', seenAt: new Date() },
  });
  await t.db.pipelineStage.createMany({
    data: [
      {
        locationId: 'loc_a',
        id: 's_3',
        pipelineId: 'p_1',
        name: 'Won',
        position: 2,
        seenAt: new Date(),
      },
      {
        locationId: 'loc_a',
        id: 's_1',
        pipelineId: 'p_1',
        name: 'New',
        position: 0,
        seenAt: new Date(),
      },
      {
        locationId: 'loc_a',
        id: 's_2',
        pipelineId: 'p_1',
        name: 'Quoted',
        position: 1,
        seenAt: new Date(),
      },
    ],
  });
  const ids = await seedOpportunities(t.db, 'loc_a', [
    { createdAt: '2026-09-01T00:00:00Z', monetaryValue: '100.00' }, // open in s_1
    { createdAt: '2026-10-02T00:00:00Z', monetaryValue: '50.50' }, // open in s_1
    { createdAt: '2026-10-03T00:00:00Z', monetaryValue: null }, // open, stage not synced
    { createdAt: '2026-10-04T00:00:00Z', monetaryValue: '7.00' }, // open, no stage
    // Won at 2026-10-31T20:00Z = 2026-11-01 01:30 in Kolkata: after the period.
    {
      createdAt: '2026-10-05T00:00:00Z',
      status: 'won',
      monetaryValue: '999.00',
      lastStatusChangeAt: '2026-10-31T20:00:00Z',
    },
    // Won at 2026-09-30T19:00Z = 2026-10-01 00:30 in Kolkata: inside.
    {
      createdAt: '2026-09-20T00:00:00Z',
      status: 'won',
      monetaryValue: '300.00',
      lastStatusChangeAt: '2026-09-30T19:00:00Z',
    },
    {
      createdAt: '2026-10-06T00:00:00Z',
      status: 'lost',
      lastStatusChangeAt: '2026-10-07T00:00:00Z',
    },
    {
      createdAt: '2026-10-06T00:00:00Z',
      status: 'abandoned',
      monetaryValue: '5.00',
      lastStatusChangeAt: '2026-10-08T00:00:00Z',
    },
  ]);
  const stages: Record<number, string | null> = {
    0: 's_1',
    1: 's_1',
    2: 's_9',
    3: null,
    4: 's_3',
    5: 's_3',
  };
  const sources: Record<number, string | null> = {
    0: 'ads',
    1: 'ads',
    2: '  ',
    3: null,
    4: 'ads',
    5: 'referral',
    6: 'referral',
    7: 'ads',
  };
  for (const [index, id] of ids.entries())
    await t.db.opportunity.update({
      where: { locationId_id: { locationId: 'loc_a', id } },
      data: { stageId: stages[index] ?? null, source: sources[index] ?? null },
    });
  // An opportunity in a pipeline the sync has not cached.
  const [orphan] = await seedOpportunities(t.db, 'loc_a', [
    { createdAt: '2026-10-09T00:00:00Z', monetaryValue: '1.00' },
  ]);
  await t.db.opportunity.update({
    where: { locationId_id: { locationId: 'loc_a', id: orphan! } },
    data: { pipelineId: 'p_gone', stageId: 's_gone' },
  });
  const tx = await seedTransactions(t.db, 'loc_a', [
    { createdAt: '2026-10-10T00:00:00Z', amount: '10.00', currency: 'usd' },
    {
      createdAt: '2026-10-11T00:00:00Z',
      amount: '20.00',
      amountRefunded: '5.00',
      currency: 'USD',
      status: 'partially_refunded',
    },
    { createdAt: '2026-10-12T00:00:00Z', amount: '1000', currency: 'JPY' },
    { createdAt: '2026-10-12T00:00:00Z', amount: '3.00', currency: ' ' },
    { createdAt: '2026-10-12T00:00:00Z', amount: '99.00', status: 'failed' },
    { createdAt: '2026-10-12T00:00:00Z', amount: '99.00', liveMode: false },
  ]);
  const txSources = ['funnel', 'invoice', 'funnel', null];
  for (const [index, id] of tx.slice(0, 4).entries())
    await t.db.transaction.update({
      where: { locationId_id: { locationId: 'loc_a', id } },
      data: { entitySourceType: txSources[index] },
    });
  await seedLocation(t.db, { id: 'loc_b', access: { opportunities: 'scope_missing' } });
  await seedOpportunities(t.db, 'loc_b', [{ createdAt: '2026-10-02T00:00:00Z' }]);
  await seedTransactions(t.db, 'loc_b', [{ createdAt: '2026-10-02T00:00:00Z', amount: '4.00' }]);
  await seedLocation(t.db, { id: 'loc_old', archivedAt: new Date('2026-01-01T00:00:00Z') });
});
afterAll(async () => {
  await t?.drop();
});

describe('getLocationBreakdowns', () => {
  it('lists every stage in stage order, then unknown and missing stages; unsynced pipelines last', async () => {
    const result = await getLocationBreakdowns(t.db, { locationId: 'loc_a', ...period });
    expect(result!.pipelines.pipelines).toEqual([
      {
        pipelineId: 'p_1',
        name: 'Sales',
        stages: [
          { stageId: 's_1', name: 'New', position: 0, openCount: 2, openValue: '150.50' },
          { stageId: 's_2', name: 'Quoted', position: 1, openCount: 0, openValue: '0.00' },
          { stageId: 's_3', name: 'Won', position: 2, openCount: 0, openValue: '0.00' },
          { stageId: 's_9', name: null, position: null, openCount: 1, openValue: '0.00' },
          { stageId: null, name: null, position: null, openCount: 1, openValue: '7.00' },
        ],
        openCount: 4,
        openValue: '157.50',
        won: 1,
        wonValue: '300.00',
        lost: 1,
      },
      {
        pipelineId: 'p_gone',
        name: null,
        stages: [
          { stageId: 's_gone', name: null, position: null, openCount: 1, openValue: '1.00' },
        ],
        openCount: 1,
        openValue: '1.00',
        won: 0,
        wonValue: '0.00',
        lost: 0,
      },
    ]);
  });

  it('counts each status by its own period rule, and created ones by their status now', async () => {
    const { opportunities } = (await getLocationBreakdowns(t.db, {
      locationId: 'loc_a',
      ...period,
    }))!;
    expect(opportunities.byStatus).toEqual([
      { status: 'open', count: 5, value: '158.50', createdCount: 4, createdValue: '58.50' },
      { status: 'won', count: 1, value: '300.00', createdCount: 1, createdValue: '999.00' },
      { status: 'lost', count: 1, value: '0.00', createdCount: 1, createdValue: '0.00' },
      { status: 'abandoned', count: 1, value: '5.00', createdCount: 1, createdValue: '5.00' },
    ]);
    expect(opportunities.bySource).toEqual([
      { source: 'ads', created: 3, createdValue: '1054.50', won: 0, wonValue: '0.00', lost: 0 },
      { source: null, created: 3, createdValue: '8.00', won: 0, wonValue: '0.00', lost: 0 },
      { source: 'referral', created: 1, createdValue: '0.00', won: 1, wonValue: '300.00', lost: 1 },
    ]);
  });

  it('splits payments by currency, then source; blank currency is XXX; money never crosses currencies', async () => {
    const { payments } = (await getLocationBreakdowns(t.db, { locationId: 'loc_a', ...period }))!;
    expect(payments.currencies).toEqual([
      {
        currency: 'JPY',
        count: 1,
        gross: '1000',
        refunded: '0',
        net: '1000',
        sources: [{ source: 'funnel', count: 1, gross: '1000', refunded: '0', net: '1000' }],
      },
      {
        currency: 'USD',
        count: 2,
        gross: '30.00',
        refunded: '5.00',
        net: '25.00',
        sources: [
          { source: 'funnel', count: 1, gross: '10.00', refunded: '0.00', net: '10.00' },
          { source: 'invoice', count: 1, gross: '20.00', refunded: '5.00', net: '15.00' },
        ],
      },
      {
        currency: 'XXX',
        count: 1,
        gross: '3.00',
        refunded: '0.00',
        net: '3.00',
        sources: [{ source: null, count: 1, gross: '3.00', refunded: '0.00', net: '3.00' }],
      },
    ]);
  });

  it('marks only what could not be read as unavailable, and answers null for archived or unknown locations', async () => {
    const result = await getLocationBreakdowns(t.db, { locationId: 'loc_b', ...period });
    expect(result!.pipelines).toMatchObject({ isAvailable: false, pipelines: [] });
    expect(result!.opportunities).toMatchObject({ isAvailable: false, byStatus: [], bySource: [] });
    expect(result!.payments.isAvailable).toBe(true);
    expect(result!.payments.currencies.map((c) => [c.currency, c.net])).toEqual([['USD', '4.00']]);
    expect(await getLocationBreakdowns(t.db, { locationId: 'loc_old', ...period })).toBeNull();
    expect(await getLocationBreakdowns(t.db, { locationId: 'loc_zz', ...period })).toBeNull();
  });
});
