import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import type { LocationsReportParams } from '@/lib/metrics/locations-report-params';
import { getDailySeriesFromRollups } from '@/lib/metrics/testing/daily-series-from-rollups';
import { getLocationsReportFromFacts } from '@/lib/metrics/testing/locations-report-from-facts';
import { runSync } from '@/lib/sync/run-sync';
import { createHarness, type SyncHarness } from './helpers';

// The report cache (lib/metrics/report-cache.ts) serves a stored result while the version of
// the data it reads is unchanged. Every commit that changes an input of the report or the daily
// series must change that version: after each kind of change below, the cached functions must
// give exactly what the uncached statements give, and the change must show (so a missing bump
// would serve the stale result and fail). Each change touches one table the reports read.

let h: SyncHarness;
let period: { from: string; to: string };

async function sync(mode: 'incremental' | 'full') {
  const runtime = await h.runtime();
  const result = await runSync(runtime.ctx, { mode, concurrency: 2, trigger: 'test' });
  expect(result.status).toBe('ok');
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function scoped(locationIds?: string[]): LocationsReportParams {
  return locationIds ? { ...period, locationIds } : period;
}

type Results = [Awaited<ReturnType<typeof getLocationsReport>>, unknown];

/** The report and the series through the cache, checked against the uncached statements. */
async function current(locationIds?: string[]): Promise<Results> {
  const params = scoped(locationIds);
  const report = await getLocationsReport(h.db, params);
  const series = await getDailySeries(h.db, params);
  expect(report).toEqual(await getLocationsReportFromFacts(h.db, params));
  expect(series).toEqual(await getDailySeriesFromRollups(h.db, params));
  return [report, series];
}

/**
 * Caches the report and series, commits `change`, and expects fresh results that differ from
 * the cached ones (in the report, and in the series when `seriesChanges`).
 */
async function expectInvalidatedBy(
  change: () => Promise<unknown>,
  { locationIds, seriesChanges }: { locationIds?: string[]; seriesChanges: boolean },
) {
  const [report, series] = await current(locationIds);
  // Served again unchanged while nothing changed.
  expect(await getLocationsReport(h.db, scoped(locationIds))).toEqual(report);
  await change();
  const [reportAfter, seriesAfter] = await current(locationIds);
  expect(reportAfter).not.toEqual(report);
  if (seriesChanges) expect(seriesAfter).not.toEqual(series);
}

/** Locations whose stored total of new contacts differs from their '' rollup rows' sum. */
async function contactTotalsThatDiffer(): Promise<unknown[]> {
  return h.db.$queryRaw<unknown[]>`
    WITH facts AS (
      SELECT location_id, sum(new_contacts)::int AS total FROM daily_rollups
      WHERE currency = '' GROUP BY location_id
    )
    SELECT coalesce(f.location_id, s.location_id) AS location_id, f.total, s.total_contacts
    FROM facts f FULL JOIN location_snapshots s ON s.location_id = f.location_id
    WHERE coalesce(f.total, 0) <> coalesce(s.total_contacts, 0)`;
}

beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 4 });
  await sync('incremental');
  const [range] = await h.db.$queryRaw<{ first: string; last: string }[]>`
    SELECT min(day)::text AS first, max(day)::text AS last FROM daily_rollups`;
  if (!range) throw new Error('no rollups');
  period = { from: range.first, to: addDays(range.last, 30) };
}, 120_000);
afterAll(async () => {
  await h.close();
});

describe('the report cache', () => {
  it('serves a stored result while the version is unchanged (a write that skips the triggers stays unseen)', async () => {
    const [a] = h.sim.world.locations;
    if (!a) throw new Error('world too small');
    const [report] = await current();
    // Triggers off (replica role): the version stays, so the cached report is what comes back.
    await h.db.$transaction([
      h.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      h.db.$executeRaw`UPDATE locations SET name = name || ' (unseen)' WHERE id = ${a.id}`,
    ]);
    expect(await getLocationsReport(h.db, period)).toEqual(report);
    // A normal write of the same row bumps the version: the new name shows.
    await h.db.location.update({ where: { id: a.id }, data: { lastSeenAt: new Date() } });
    const fresh = await getLocationsReport(h.db, period);
    expect(fresh.rows.find((row) => row.locationId === a.id)?.locationName).toMatch(/\(unseen\)$/);
    expect(fresh).toEqual(await getLocationsReportFromFacts(h.db, period));
  });

  it('after a commit to a few locations recomputes only theirs and keeps the others (and in order after a rename)', async () => {
    const [a, b] = h.sim.world.locations;
    if (!a || !b) throw new Error('world too small');
    await current();
    // b changes unseen (triggers off: its version stays), a changes seen: the next report
    // recomputes a only, so b's unseen name stays out, a's new name (sorting it last) shows.
    await h.db.$transaction([
      h.db.$executeRaw`SET LOCAL session_replication_role = replica`,
      h.db.$executeRaw`UPDATE locations SET name = name || ' (unseen)' WHERE id = ${b.id}`,
    ]);
    await h.db.location.update({ where: { id: a.id }, data: { name: 'zzz refreshed' } });
    const refreshed = await getLocationsReport(h.db, period);
    const names = new Map(refreshed.rows.map((row) => [row.locationId, row.locationName]));
    expect(names.get(a.id)).toBe('zzz refreshed');
    expect(names.get(b.id)).not.toMatch(/\(unseen\)$/);
    expect(refreshed.rows.at(-1)?.locationId).toBe(a.id);
    // Once b's own version moves, b is recomputed too and everything equals the facts.
    await h.db.location.update({ where: { id: b.id }, data: { lastSeenAt: new Date() } });
    const fresh = await getLocationsReport(h.db, period);
    expect(fresh.rows.find((row) => row.locationId === b.id)?.locationName).toMatch(/\(unseen\)$/);
    expect(fresh).toEqual(await getLocationsReportFromFacts(h.db, period));
  });

  it('gives fresh figures after facts change through a real sync', async () => {
    const [a, b] = h.sim.world.locations;
    if (!a || !b) throw new Error('world too small');
    await expectInvalidatedBy(
      async () => {
        h.sim.mutate(a.id, {
          create: { contacts: 5, opportunities: 4, transactions: 3 },
          update: { opportunities: 20, subscriptions: 3, transactions: 4 },
          delete: { opportunities: 2, contacts: 1 },
        });
        h.sim.mutate(b.id, { update: { opportunities: 6 } });
        await sync('incremental');
      },
      { seriesChanges: true },
    );
    // The stored total of new contacts (total_contacts reads it) follows the rollups.
    expect(await contactTotalsThatDiffer()).toEqual([]);
  }, 120_000);

  it('gives fresh figures after a rollup, a snapshot, a name, a currency, access or a checkpoint changes', async () => {
    const [a, b, c, d] = h.sim.world.locations;
    if (!a || !b || !c || !d) throw new Error('world too small');
    // daily_rollups (and through its trigger monthly_rollups and agency_daily_rollups).
    await expectInvalidatedBy(
      () => h.db.$executeRaw`
        UPDATE daily_rollups SET new_contacts = new_contacts + 3
        WHERE (location_id, day, currency) IN (
          SELECT location_id, day, currency FROM daily_rollups
          WHERE location_id = ${a.id} AND currency = '' ORDER BY day DESC LIMIT 1)`,
      { seriesChanges: true },
    );
    // location_snapshots, through opportunities' trigger: an open opportunity re-valued.
    await expectInvalidatedBy(
      () => h.db.$executeRaw`
        UPDATE opportunities SET monetary_value = coalesce(monetary_value, 0) + 7
        WHERE (location_id, id) IN (
          SELECT location_id, id FROM opportunities
          WHERE location_id = ${b.id} AND status = 'open' ORDER BY id LIMIT 1)`,
      { seriesChanges: false },
    );
    // locations: a rename and a currency change, for every location and for a staff scope.
    await expectInvalidatedBy(
      () => h.db.location.update({ where: { id: c.id }, data: { name: 'Renamed location' } }),
      { seriesChanges: false },
    );
    await expectInvalidatedBy(
      () => h.db.location.update({ where: { id: c.id }, data: { currency: 'JPY' } }),
      { seriesChanges: false, locationIds: [c.id, d.id] },
    );
    // location_access: contacts can no longer be read.
    await expectInvalidatedBy(
      () =>
        h.db.locationAccess.updateMany({
          where: { locationId: d.id, entity: 'contacts' },
          data: { status: 'scope_missing' },
        }),
      { seriesChanges: true, locationIds: [d.id] },
    );
    // sync_checkpoints: opportunities never finished a sync, so they are unavailable.
    await expectInvalidatedBy(
      () =>
        h.db.syncCheckpoint.updateMany({
          where: { locationId: b.id, entity: 'opportunities' },
          data: { lastSuccessAt: null },
        }),
      { seriesChanges: true },
    );
    // Archived: the location leaves the report.
    await expectInvalidatedBy(
      () => h.db.location.update({ where: { id: a.id }, data: { archivedAt: new Date() } }),
      { seriesChanges: true },
    );
  }, 120_000);

  it('keeps a staff scope cached through changes to other locations only', async () => {
    const [a, b] = h.sim.world.locations;
    if (!a || !b) throw new Error('world too small');
    const [report] = await current([b.id]);
    const [version] = await h.db.$queryRaw<{ version: bigint }[]>`
      SELECT version FROM report_data_versions WHERE location_id = ${b.id}`;
    await h.db.location.update({ where: { id: a.id }, data: { name: 'Another name' } });
    const [after] = await h.db.$queryRaw<{ version: bigint }[]>`
      SELECT version FROM report_data_versions WHERE location_id = ${b.id}`;
    expect(after?.version).toBe(version?.version);
    expect(await getLocationsReport(h.db, scoped([b.id]))).toEqual(report);
  });

  it('gives fresh figures after a truncate', async () => {
    expect(await contactTotalsThatDiffer()).toEqual([]);
    await expectInvalidatedBy(() => h.db.$executeRaw`TRUNCATE daily_rollups`, {
      seriesChanges: true,
    });
    expect(await contactTotalsThatDiffer()).toEqual([]);
  });
});
