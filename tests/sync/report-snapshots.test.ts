import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/lib/db/generated/client';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { getDailySeriesFromRollups } from '@/lib/metrics/testing/daily-series-from-rollups';
import { getLocationsReportFromFacts } from '@/lib/metrics/testing/locations-report-from-facts';
import { runSync } from '@/lib/sync/run-sync';
import { createHarness, type SyncHarness } from './helpers';

// The reports read stored sums (location_snapshots, monthly_rollups, agency_daily_rollups) that
// triggers keep in step with the facts. After real syncs that close, reopen and re-value
// opportunities, cancel subscriptions, refund payments and delete records, every figure must be
// exactly what the statements that read the facts themselves give.

let h: SyncHarness;

async function sync(mode: 'incremental' | 'full') {
  const runtime = await h.runtime();
  const result = await runSync(runtime.ctx, { mode, concurrency: 2, trigger: 'test' });
  expect(result.status).toBe('ok');
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Periods around the stored history: last 30 / 365 days, all of it, and some spanning months. */
async function periods(): Promise<{ from: string; to: string }[]> {
  const [range] = await h.db.$queryRaw<{ first: string; last: string }[]>`
    SELECT min(day)::text AS first, max(day)::text AS last FROM daily_rollups`;
  if (!range) throw new Error('no rollups');
  const { first, last } = range;
  return [
    { from: addDays(last, -29), to: last },
    { from: addDays(last, -59), to: addDays(last, -30) },
    { from: addDays(last, -364), to: last },
    { from: first, to: last },
    { from: addDays(first, 17), to: addDays(first, 101) },
    { from: addDays(first, -40), to: addDays(first, 3) },
    { from: addDays(last, 1), to: addDays(last, 45) },
  ];
}

/** Rows where a stored sum differs from the same sum computed now from its source. */
async function storedSumsThatDiffer(): Promise<unknown[]> {
  const snapshots = await h.db.$queryRaw<unknown[]>`
    WITH facts AS (
      SELECT l.id AS location_id,
        (SELECT count(*) FROM opportunities o WHERE o.location_id = l.id AND o.status = 'open')::int
          AS open_opportunities,
        (SELECT coalesce(sum(o.monetary_value), 0) FROM opportunities o
          WHERE o.location_id = l.id AND o.status = 'open') AS open_pipeline_value,
        (SELECT count(*) FROM subscriptions s
          WHERE s.location_id = l.id AND s.live_mode AND s.status = 'active')::int
          AS active_subscriptions
      FROM locations l
    )
    SELECT 'location_snapshots' AS stored, f.*, s.* FROM facts f
    LEFT JOIN location_snapshots s ON s.location_id = f.location_id
    WHERE (f.open_opportunities, f.open_pipeline_value, f.active_subscriptions)
      IS DISTINCT FROM (coalesce(s.open_opportunities, 0), coalesce(s.open_pipeline_value, 0),
                        coalesce(s.active_subscriptions, 0))`;
  const sums = (key: Prisma.Sql) => Prisma.sql`${key}, sum(new_contacts) AS new_contacts,
    sum(opportunities_created) AS created, sum(opportunities_won) AS won,
    sum(opportunities_lost) AS lost, sum(won_value) AS won_value, sum(payments_count) AS count,
    sum(payments_gross) AS gross, sum(payments_refunded) AS refunded`;
  const differing = (stored: Prisma.Sql, computed: Prisma.Sql) => Prisma.sql`
    SELECT * FROM ((${stored} EXCEPT ${computed}) UNION ALL (${computed} EXCEPT ${stored})) d`;
  const monthly = await h.db.$queryRaw<unknown[]>(
    differing(
      Prisma.sql`SELECT ${sums(Prisma.sql`location_id, month, currency`)} FROM monthly_rollups
        GROUP BY location_id, month, currency
        HAVING sum(abs(new_contacts) + abs(opportunities_created) + abs(payments_count)
          + abs(opportunities_won) + abs(opportunities_lost)) > 0`,
      Prisma.sql`SELECT ${sums(Prisma.sql`location_id, date_trunc('month', day)::date, currency`)}
        FROM daily_rollups GROUP BY 1, 2, 3`,
    ),
  );
  const agency = await h.db.$queryRaw<unknown[]>(
    differing(
      Prisma.sql`SELECT ${sums(Prisma.sql`day, currency`)} FROM agency_daily_rollups
        GROUP BY day, currency
        HAVING sum(abs(new_contacts) + abs(opportunities_created) + abs(payments_count)
          + abs(opportunities_won) + abs(opportunities_lost)) > 0`,
      Prisma.sql`SELECT ${sums(Prisma.sql`day, currency`)} FROM daily_rollups GROUP BY 1, 2`,
    ),
  );
  return [...snapshots, ...monthly, ...agency];
}

/** Every report and series figure, from the stored sums and from the facts, for every period. */
async function expectSameAsFromFacts(locationIds?: string[]) {
  expect(await storedSumsThatDiffer()).toEqual([]);
  for (const period of await periods()) {
    const params = locationIds ? { ...period, locationIds } : period;
    expect(await getLocationsReport(h.db, params)).toEqual(
      await getLocationsReportFromFacts(h.db, params),
    );
    expect(await getDailySeries(h.db, params)).toEqual(
      await getDailySeriesFromRollups(h.db, params),
    );
  }
}

async function openSnapshot(locationId: string) {
  return h.db.locationSnapshot.findUnique({ where: { locationId } });
}

beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 4 });
  await sync('incremental');
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('stored report sums after syncs with changes', () => {
  it('equal the figures computed from the facts after a first sync', async () => {
    const report = await getLocationsReport(h.db, (await periods())[3]!);
    expect(report.rows.some((row) => row.openPipelineValue !== '0.00')).toBe(true);
    expect(report.rows.some((row) => (row.activeSubscriptions ?? 0) > 0)).toBe(true);
    await expectSameAsFromFacts();
  });

  it('follow closes, re-values, cancels, refunds and deletes through incremental and full syncs', async () => {
    const [a, b] = h.sim.world.locations;
    if (!a || !b) throw new Error('world too small');
    const before = await openSnapshot(a.id);
    h.sim.mutate(a.id, {
      create: { contacts: 5, opportunities: 4, transactions: 3 },
      update: { opportunities: 40, subscriptions: 6, transactions: 8 },
      delete: { opportunities: 5, subscriptions: 1, transactions: 2, contacts: 3 },
    });
    h.sim.mutate(b.id, { update: { opportunities: 10, subscriptions: 2 } });

    await sync('incremental');
    const after = await openSnapshot(a.id);
    expect(after?.openPipelineValue.toString()).not.toBe(before?.openPipelineValue.toString());
    expect(after!.activeSubscriptions).toBeLessThan(before!.activeSubscriptions);
    await expectSameAsFromFacts();

    // The full sync removes what GHL deleted: the deleted open opportunities leave the snapshot.
    await sync('full');
    await expectSameAsFromFacts();
  }, 120_000);

  it('leave out archived, unreadable and unlisted locations exactly as the facts do', async () => {
    const [a, b, c] = h.sim.world.locations;
    if (!a || !b || !c) throw new Error('world too small');
    await h.db.location.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
    await h.db.locationAccess.updateMany({
      where: { locationId: b.id, entity: { in: ['contacts', 'transactions'] } },
      data: { status: 'scope_missing' },
    });
    await expectSameAsFromFacts();
    await expectSameAsFromFacts([b.id, c.id]);
    await expectSameAsFromFacts([]);
  }, 120_000);
});
