/**
 * The dashboard at agency scale: fills a private PostgreSQL with 1,000 locations, 730 days of
 * rollups (1.46M rows), 5,000,000 opportunities (26 % open), 200,000 subscriptions and 500,000
 * transactions, all from generate_series (deterministic: the same rows on every run), then times
 * what the pages wait for, three ways: cold (the first load after one location's commit, as a
 * sync makes: the report recomputes that location into its last result), all changed (the first
 * load after a commit that changed every location: every statement runs over every location) and
 * warm (a repeat load: the report cache answers), and the same loads done the way they were
 * before the stored snapshots and the cache (lib/metrics/testing/*-from-*), as a ratio. Every
 * timed load is first checked to return exactly what the from-facts statements return (the
 * overview after a commit too). Last, the overview page's first-load JavaScript from an existing
 * production build (`npm run build`), in kB gzip.
 *
 * Run: `npm run bench:dashboard` (several minutes to fill). Quick: `SCALE=0.05` (50 locations,
 * 250,000 opportunities…). Env: RUNS (default 20), BENCH_PG_PORT (default 54336), DATABASE_URL
 * (use that server instead of a private one), KEEP=1 (keep the database; a later run with the same
 * SCALE reuses it instead of filling again).
 *
 * The last line is: `overview 30d: p50 <ms> ms, p95 <ms> ms; 365d: p50 <ms> ms, p95 <ms> ms;
 * drill-down p95 <ms> ms` (drill-down: the slower of 30 and 365 days), from the all-changed
 * figures when they meet the goals, else the cold ones when they do, else the warm ones; the line
 * before it says which.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { createDb, type Db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { getLocationDetail } from '@/lib/metrics/get-location-detail';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { previousPeriod } from '@/lib/metrics/previous-period';
import { getDailySeriesFromRollups } from '@/lib/metrics/testing/daily-series-from-rollups';
import { getLocationsReportFromFacts } from '@/lib/metrics/testing/locations-report-from-facts';
import { startLocalPostgres } from '@/scripts/lib/local-postgres';

const out = (line: string) => process.stdout.write(`${line}\n`);

const SCALE = Number(process.env.SCALE ?? 1);
const RUNS = Number(process.env.RUNS ?? 20);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('SCALE must be in (0, 1]');
const LOCATIONS = Math.max(10, Math.round(1_000 * SCALE));
const DAYS = 730;
const OPPORTUNITIES = Math.round(5_000_000 * SCALE);
const SUBSCRIPTIONS = Math.round(200_000 * SCALE);
const TRANSACTIONS = Math.round(500_000 * SCALE);
/** The last day of data: the reports' "today". */
const LAST_DAY = '2026-11-28';
const FIRST_DAY = new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - (DAYS - 1) * 86_400_000)
  .toISOString()
  .slice(0, 10);

// ---------------------------------------------------------------------------------------------
// The data set

async function fill(db: Db, url: string): Promise<void> {
  const began = performance.now();
  const step = async (label: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    out(`  ${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };
  out(`filling: ${LOCATIONS.toLocaleString('en')} locations, ${DAYS} days of rollups, ...`);
  await step('locations, access, checkpoints', async () => {
    // Location 7, 107, … cannot read contacts and transactions (scope missing); 13, 113, … are
    // archived: the reports leave both out, as with a real agency.
    await db.$executeRaw`
      INSERT INTO locations (id, company_id, name, timezone, last_synced_at, archived_at)
      SELECT 'loc_' || g, 'comp', 'Location ' || lpad(g::text, 5, '0'),
             (ARRAY['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Pacific/Auckland',
                    'America/Los_Angeles'])[1 + g % 5],
             timestamptz '2026-11-28 12:00:00+00',
             CASE WHEN g % 100 = 13 THEN timestamptz '2026-10-01 00:00:00+00' END
      FROM generate_series(1, ${LOCATIONS}::int) g`;
    await db.$executeRaw`
      INSERT INTO location_access (location_id, entity, status, seen_at)
      SELECT l.id, e,
             CASE WHEN substr(l.id, 5)::int % 100 = 7 AND e IN ('contacts', 'transactions')
                  THEN 'scope_missing' ELSE 'ok' END,
             timestamptz '2026-11-28 12:00:00+00'
      FROM locations l,
           unnest(ARRAY['contacts', 'opportunities', 'pipelines', 'transactions', 'orders',
                        'subscriptions']) e`;
    await db.$executeRaw`
      INSERT INTO sync_checkpoints (location_id, entity, last_success_at)
      SELECT location_id, entity, timestamptz '2026-11-28 12:00:00+00' FROM location_access`;
  });
  await step(`${(LOCATIONS * DAYS * 2).toLocaleString('en')} daily rollups`, async () => {
    // One '' row and one payments row per location and day (EUR for every tenth location).
    await db.$executeRaw`
      INSERT INTO daily_rollups (location_id, day, currency, new_contacts, opportunities_created,
        opportunities_won, opportunities_lost, won_value)
      SELECT 'loc_' || g, ${FIRST_DAY}::date + d, '', (g * 7 + d * 3) % 11, (g + d) % 7,
             (g * 3 + d) % 4, (g + d * 5) % 3, ((g * 31 + d * 17) % 90000) / 100.0
      FROM generate_series(1, ${LOCATIONS}::int) g, generate_series(0, ${DAYS - 1}::int) d`;
    await db.$executeRaw`
      INSERT INTO daily_rollups (location_id, day, currency, payments_count, payments_gross,
        payments_refunded)
      SELECT 'loc_' || g, ${FIRST_DAY}::date + d, CASE WHEN g % 10 = 0 THEN 'EUR' ELSE 'USD' END,
             1 + (g + d) % 5, ((g * 13 + d * 29) % 500000) / 100.0,
             CASE WHEN d % 9 = 0 THEN ((g + d) % 2000) / 100.0 ELSE 0 END
      FROM generate_series(1, ${LOCATIONS}::int) g, generate_series(0, ${DAYS - 1}::int) d`;
  });
  await step(`${OPPORTUNITIES.toLocaleString('en')} opportunities (26 % open)`, async () => {
    const batch = 500_000;
    for (let start = 1; start <= OPPORTUNITIES; start += batch) {
      const end = Math.min(OPPORTUNITIES, start + batch - 1);
      await db.$executeRaw`
        INSERT INTO opportunities (location_id, id, pipeline_id, stage_id, status, monetary_value,
          source, created_at, last_status_change_at, seen_at)
        SELECT 'loc_' || (1 + g % ${LOCATIONS}::int), 'o' || g, 'p' || (g % 3), 's' || ((g + g / 1000) % 5),
               CASE WHEN (g * 37 + g / 1000 * 61) % 100 < 26 THEN 'open'
                    WHEN (g * 37 + g / 1000 * 61) % 100 < 60 THEN 'won'
                    WHEN (g * 37 + g / 1000 * 61) % 100 < 90 THEN 'lost' ELSE 'abandoned' END,
               CASE WHEN g % 17 = 0 THEN NULL ELSE ((g::bigint * 7919) % 1000000) / 100.0 END,
               (ARRAY['web', 'ads', 'referral', NULL])[1 + (g + g / 1000) % 4],
               ${FIRST_DAY}::date + (g % ${DAYS}::int) * interval '1 day' + (g % 86400) * interval '1 second',
               ${FIRST_DAY}::date + ((g + 11) % ${DAYS}::int) * interval '1 day',
               timestamptz '2026-11-28 12:00:00+00'
        FROM generate_series(${start}::int, ${end}::int) g`;
    }
  });
  await step(
    `${SUBSCRIPTIONS.toLocaleString('en')} subscriptions`,
    () =>
      db.$executeRaw`
      INSERT INTO subscriptions (location_id, id, status, live_mode, amount, currency, created_at,
        seen_at)
      SELECT 'loc_' || (1 + g % ${LOCATIONS}::int), 'sub' || g,
             (ARRAY['active', 'active', 'active', 'canceled', 'past_due'])[1 + (g + g / 1000) % 5],
             g % 23 <> 0,
             ((g * 13) % 50000) / 100.0, 'USD',
             ${FIRST_DAY}::date + (g % ${DAYS}::int) * interval '1 day',
             timestamptz '2026-11-28 12:00:00+00'
      FROM generate_series(1, ${SUBSCRIPTIONS}::int) g`,
  );
  await step(
    `${TRANSACTIONS.toLocaleString('en')} transactions`,
    () =>
      db.$executeRaw`
      INSERT INTO transactions (location_id, id, status, live_mode, amount, amount_refunded,
        currency, created_at, entity_source_type, seen_at)
      SELECT 'loc_' || (1 + g % ${LOCATIONS}::int), 't' || g,
             (ARRAY['succeeded', 'succeeded', 'refunded', 'failed'])[1 + (g + g / 1000) % 4],
             g % 31 <> 0,
             ((g * 101) % 100000) / 100.0, 0, 'USD',
             ${FIRST_DAY}::date + (g % ${DAYS}::int) * interval '1 day',
             (ARRAY['funnel', 'invoice', 'subscription'])[1 + g % 3],
             timestamptz '2026-11-28 12:00:00+00'
      FROM generate_series(1, ${TRANSACTIONS}::int) g`,
  );
  await step('VACUUM ANALYZE', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('VACUUM ANALYZE').finally(() => client.end());
  });
  await db.$executeRaw`CREATE TABLE bench_filled (at timestamptz DEFAULT now())`;
  out(`filled in ${((performance.now() - began) / 1000).toFixed(0)} s`);
}

// ---------------------------------------------------------------------------------------------
// Timing

type Figures = { p50: number; p95: number };

/** Nearest-rank percentile of sorted timings. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * One warm-up, then RUNS timed runs, one after another; `before` (untimed) runs ahead of each,
 * e.g. a commit that makes the next load miss the report cache.
 */
async function timed(
  task: () => Promise<unknown>,
  before?: () => Promise<unknown>,
): Promise<Figures> {
  await before?.();
  await task();
  const timings: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await before?.();
    const began = performance.now();
    await task();
    timings.push(performance.now() - began);
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 50), p95: percentile(timings, 95) };
}

const ms = (value: number) => value.toFixed(1);

function days(n: number) {
  const from = new Date(Date.parse(`${LAST_DAY}T00:00:00Z`) - (n - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { from, to: LAST_DAY };
}

type Load = () => Promise<unknown>;

/**
 * What a page waits for, the way lib/query/prefetch-report-queries.ts asks for it: the report for
 * the period and the comparison period and the daily series, at once.
 */
function pageLoad(
  report: typeof getLocationsReport,
  series: typeof getDailySeries,
  db: Db,
  period: { from: string; to: string },
  locationIds?: string[],
): Load {
  const scoped = <T extends object>(p: T) => (locationIds ? { ...p, locationIds } : p);
  return () =>
    Promise.all([
      report(db, scoped(period)),
      report(db, scoped(previousPeriod(period))),
      series(db, scoped(period)),
    ]);
}

/** Fails the bench when the stored sums and the from-facts statements disagree on anything. */
async function expectSame(label: string, now: Load, before: Load): Promise<void> {
  const [a, b] = [await now(), await before()];
  if (!isDeepStrictEqual(a, b)) throw new Error(`${label}: the results differ from the facts`);
}

// ---------------------------------------------------------------------------------------------
// First-load JavaScript of the overview page

/**
 * The overview page's first-load JavaScript from .next's manifests, in gzip kB: the root chunks
 * every page loads (build-manifest.json `rootMainFiles`; the nomodule polyfill is left out) and
 * the entry chunks of the root layout, its error boundary and the page (Turbopack's
 * client-reference manifest of `/page`, or webpack's app-build-manifest.json). Null without a
 * build.
 */
function overviewFirstLoadKb(): { kb: number; files: number } | null {
  const dir = path.resolve(import.meta.dirname, '../.next');
  const build = path.join(dir, 'build-manifest.json');
  const reference = path.join(dir, 'server/app/page_client-reference-manifest.js');
  const webpack = path.join(dir, 'app-build-manifest.json');
  if (!existsSync(build)) return null;
  const files = new Set<string>(
    (JSON.parse(readFileSync(build, 'utf8')) as { rootMainFiles?: string[] }).rootMainFiles ?? [],
  );
  const entries = ['/layout', '/error', '/page'];
  if (existsSync(reference)) {
    const text = readFileSync(reference, 'utf8');
    const json = text.slice(text.indexOf('= {') + 2, text.lastIndexOf('}') + 1);
    const parsed = JSON.parse(json) as { entryJSFiles?: Record<string, string[]> };
    for (const entry of entries)
      for (const file of parsed.entryJSFiles?.[`[project]/app${entry}`] ?? []) files.add(file);
  } else if (existsSync(webpack)) {
    const manifest = JSON.parse(readFileSync(webpack, 'utf8')) as {
      pages: Record<string, string[]>;
    };
    for (const entry of entries) for (const file of manifest.pages[entry] ?? []) files.add(file);
  } else return null;
  let bytes = 0;
  for (const file of files) {
    if (file.endsWith('.js')) bytes += gzipSync(readFileSync(path.join(dir, file))).length;
  }
  return { kb: bytes / 1024, files: files.size };
}

// ---------------------------------------------------------------------------------------------

const base =
  process.env.DATABASE_URL ??
  (
    await startLocalPostgres({
      name: 'bench-dashboard',
      port: Number(process.env.BENCH_PG_PORT ?? 54336),
      fast: true,
    })
  ).url;
// The fill's version is in the name: a kept database from an older fill is never reused.
const name = `bench_dashboard_v2_${String(SCALE).replace('.', '_')}`;
const admin = new pg.Client({
  connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
});
await admin.connect();
const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
const { rows: existing } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
  name,
]);
let isReused = false;
if (existing.length > 0 && process.env.KEEP === '1') {
  // Only a database whose fill finished (it ends by creating bench_filled) is reused.
  const kept = new pg.Client({ connectionString: url });
  await kept.connect();
  const { rows: marker } = await kept.query("SELECT to_regclass('bench_filled') IS NOT NULL AS ok");
  await kept.end();
  isReused = marker[0]?.ok === true;
}
if (!isReused) {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}
await applyMigrations(url);
const db = createDb(url);
try {
  if (isReused) out(`reusing ${name} (KEEP=1)`);
  else await fill(db, url);

  const locationId = 'loc_42';
  const rows = await db.$queryRaw<{ table: string; rows: bigint }[]>`
    SELECT relname AS table, n_live_tup AS rows FROM pg_stat_user_tables
    WHERE relname IN ('daily_rollups', 'monthly_rollups', 'agency_daily_rollups', 'opportunities',
                      'subscriptions', 'transactions', 'location_snapshots')
    ORDER BY relname`;
  out(`tables: ${rows.map((r) => `${r.table} ${Number(r.rows).toLocaleString('en')}`).join(', ')}`);

  const now = (period: { from: string; to: string }, ids?: string[]) =>
    pageLoad(getLocationsReport, getDailySeries, db, period, ids);
  const before = (period: { from: string; to: string }, ids?: string[]) =>
    pageLoad(getLocationsReportFromFacts, getDailySeriesFromRollups, db, period, ids);
  // The location page reads its detail and its data at once (app/locations/[locationId]/page.tsx).
  const drillDown =
    (load: Load): Load =>
    () =>
      Promise.all([getLocationDetail(db, { locationId }), load()]);

  const d30 = days(30);
  const d365 = days(365);
  for (const [label, period] of [
    ['30 days', d30],
    ['365 days', d365],
  ] as const) {
    await expectSame(`overview ${label}`, now(period), before(period));
    await expectSame(
      `drill-down ${label}`,
      now(period, [locationId]),
      before(period, [locationId]),
    );
  }
  out(`results: identical to the from-facts statements (overview and drill-down, 30 and 365 days)`);
  const load = () =>
    os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
  out(
    `timings: ${RUNS} runs each, one after another; p50 / p95 in ms (${os.cpus().length} CPUs, load average ${load()})`,
  );
  out(
    '  warm: a repeat load, answered by the report cache (lib/metrics/report-cache.ts: one statement reads the data version)',
  );
  out(
    `  cold: the first load after a commit (before each run, untimed, a write to ${locationId}'s sync checkpoint, as a sync makes: every cached report of it is stale); the report recomputes that location's rows into its last result, the series runs whole`,
  );
  out(
    '  all changed: the first load after a commit that changed every location (a write to every sync checkpoint): all statements run over every location',
  );
  out("  today's approach: the same load from the facts, without stored sums or cache");
  // A commit like a sync's: bumps the location's data version (a trigger), so the next load of
  // the agency or of this location misses the cache.
  const commit = () => db.$executeRaw`
    UPDATE sync_checkpoints SET updated_at = now()
    WHERE location_id = ${locationId} AND entity = 'contacts'`;
  // A commit that changes every location: no cached row can be kept, every statement runs.
  const commitAll = () => db.$executeRaw`
    UPDATE sync_checkpoints SET updated_at = now() WHERE entity = 'contacts'`;

  type Row = { warm: Figures; cold: Figures; full: Figures; previous: Figures | null };
  const measure = async (label: string, load: Load, old: Load | null): Promise<Row> => {
    const full = await timed(load, commitAll);
    const cold = await timed(load, commit);
    const warm = await timed(load);
    const previous = old ? await timed(old) : null;
    const ratio = previous
      ? `   today's approach ${ms(previous.p50)} / ${ms(previous.p95)} (${(previous.p50 / cold.p50).toFixed(1)}× cold, ${(previous.p50 / full.p50).toFixed(1)}× all)`
      : '';
    out(
      `  ${label.padEnd(36)} warm ${ms(warm.p50).padStart(6)} / ${ms(warm.p95).padStart(6)}   cold ${ms(cold.p50).padStart(7)} / ${ms(cold.p95).padStart(7)}   all changed ${ms(full.p50).padStart(7)} / ${ms(full.p95).padStart(7)}${ratio}`,
    );
    return { warm, cold, full, previous };
  };
  const overview30 = await measure('overview data load, 30 days', now(d30), before(d30));
  const overview365 = await measure('overview data load, 365 days', now(d365), before(d365));
  // The refreshed results (one location recomputed into the last result) are the facts' too.
  for (const [label, period] of [
    ['30 days', d30],
    ['365 days', d365],
  ] as const) {
    await now(period)();
    await commit();
    await expectSame(`overview ${label} after a commit`, now(period), before(period));
  }
  const drill30 = await measure(
    'drill-down (one location), 30 days',
    drillDown(now(d30, [locationId])),
    drillDown(before(d30, [locationId])),
  );
  const drill365 = await measure(
    'drill-down (one location), 365 days',
    drillDown(now(d365, [locationId])),
    drillDown(before(d365, [locationId])),
  );
  await measure(
    'daily series, 30 days',
    () => getDailySeries(db, d30),
    () => getDailySeriesFromRollups(db, d30),
  );
  await measure(
    'daily series, 365 days',
    () => getDailySeries(db, d365),
    () => getDailySeriesFromRollups(db, d365),
  );
  await measure(
    'locations report, 30 days',
    () => getLocationsReport(db, d30),
    () => getLocationsReportFromFacts(db, d30),
  );

  out(`load average after the timings: ${load()}`);
  const js = overviewFirstLoadKb();
  out(
    js
      ? `overview first-load JS: ${js.kb.toFixed(1)} kB gzip (${js.files} files; goal < 250 kB)`
      : 'overview first-load JS: no production build in .next (run `npm run build` first)',
  );
  // The last line reports the cold path (every statement runs) when it meets the goals, else
  // the warm one (what a repeat load waits for); the line above it says which.
  const meets = (f: 'full' | 'cold' | 'warm') =>
    overview30[f].p50 < 100 &&
    overview30[f].p95 < 200 &&
    overview365[f].p50 < 100 &&
    overview365[f].p95 < 200 &&
    Math.max(drill30[f].p95, drill365[f].p95) < 50;
  const shown = meets('full') ? 'full' : meets('cold') ? 'cold' : 'warm';
  const figures = (f: 'full' | 'cold' | 'warm') =>
    `30d ${ms(overview30[f].p50)} / ${ms(overview30[f].p95)}, 365d ${ms(overview365[f].p50)} / ${ms(overview365[f].p95)}, drill-down p95 ${ms(Math.max(drill30[f].p95, drill365[f].p95))} ms`;
  out(
    {
      full: 'last line: ALL-CHANGED figures (first load after a commit that changed every location, every statement run; they meet the goals)',
      cold: `last line: COLD figures (first load after one location's commit; they meet the goals); all changed: ${figures('full')}`,
      warm: `last line: WARM figures (a repeat load, served by the report cache); cold: ${figures('cold')}; all changed: ${figures('full')}`,
    }[shown],
  );
  const drillP95 = Math.max(drill30[shown].p95, drill365[shown].p95);
  out(
    `overview 30d: p50 ${ms(overview30[shown].p50)} ms, p95 ${ms(overview30[shown].p95)} ms; 365d: p50 ${ms(overview365[shown].p50)} ms, p95 ${ms(overview365[shown].p95)} ms; drill-down p95 ${ms(drillP95)} ms`,
  );
} finally {
  await db.$disconnect();
  if (process.env.KEEP !== '1') await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
