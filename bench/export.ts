/**
 * How fast the daily-series CSV download streams, and in how much memory: a 1,000,000-row export
 * (1,000 locations × 1,000 local days, each day one row; payments every other day in the
 * location's currency) through the download route's own code path — `dailySeriesCsvResponse`,
 * which `GET /api/reports/daily.csv` returns after its session check — reading the streamed
 * Response body to the end as a client would. The export runs in a child process on bare node
 * (bench/export-child.ts, bundled like `npm run cli`), so the peak RSS printed is that process's
 * own, not this script's seeding or a TypeScript loader's. The export reads with plain `pg` (a
 * server-side cursor) and loads no Prisma client; the route's session check, which runs before it
 * and does use Prisma, is not part of the measured process. Prints rows per second and peak RSS
 * (goals: at least 200,000 rows/s, under 150 MB). Run: `npm run bench:export` (a few minutes).
 *
 * The data set is scripted (INSERT … SELECT over generate_series: the same rows on every run).
 * PostgreSQL is DATABASE_URL's server or a private one ('bench-export', BENCH_PG_PORT or 54333).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { buildBin } from '@/scripts/build-bin.mjs';
import { createDb } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { startLocalPostgres, stopLocalPostgres } from '@/scripts/lib/local-postgres';

const LOCATIONS = Number(process.env.BENCH_LOCATIONS ?? 1000);
const DAYS = Number(process.env.BENCH_DAYS ?? 1000);
const FROM = '2024-01-01';
const TO = new Date(Date.parse(`${FROM}T00:00:00Z`) + (DAYS - 1) * 86_400_000)
  .toISOString()
  .slice(0, 10);
const out = (line: string) => process.stdout.write(`${line}\n`);
/** BENCH_KEEP=1 leaves the filled database (and a private server) running, to study the query. */
const KEEP = process.env.BENCH_KEEP === '1';

const ROOT = path.resolve(import.meta.dirname, '..');
const local = process.env.DATABASE_URL
  ? undefined
  : await startLocalPostgres({
      name: 'bench-export',
      port: Number(process.env.BENCH_PG_PORT ?? 54333),
      fast: true,
    });
const base = process.env.DATABASE_URL ?? local!.url;
const name = 'bench_export';
const admin = new pg.Client({
  connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
});
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${name}`);
const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
await applyMigrations(url);
const db = createDb(url);
try {
  const seeding = performance.now();
  // Names with umlauts and CJK, as real agencies have; every entity readable.
  await db.$executeRaw`
    INSERT INTO locations (id, company_id, name, timezone, last_synced_at)
    SELECT 'loc_' || lpad(g::text, 5, '0'), 'comp',
           (ARRAY['Zahnärzte ', '東京 Clinic ', 'Acme, Inc. ', 'Smile Dental '])[1 + g % 4] || g,
           (ARRAY['UTC', 'Europe/Berlin', 'Asia/Tokyo', 'America/New_York'])[1 + g % 4],
           timestamptz '2026-11-01 06:00:00+00'
    FROM generate_series(1, ${LOCATIONS}) g`;
  await db.$executeRaw`
    INSERT INTO location_access (location_id, entity, status, seen_at)
    SELECT l.id, e, 'ok', now() FROM locations l,
      unnest(ARRAY['contacts', 'opportunities', 'transactions', 'subscriptions']) e`;
  await db.$executeRaw`
    INSERT INTO sync_checkpoints (location_id, entity, last_success_at)
    SELECT location_id, entity, now() FROM location_access`;
  await db.$executeRaw`
    INSERT INTO daily_rollups (location_id, day, currency, new_contacts, opportunities_created,
      opportunities_won, opportunities_lost, won_value)
    SELECT l.id, d::date, '', (i % 7)::int, (i % 5)::int, (i % 3)::int, (i % 2)::int, (i % 11) * 12.5
    FROM locations l, generate_series(0, ${DAYS - 1}::int) i,
         LATERAL (SELECT ${FROM}::date + i AS d) day`;
  await db.$executeRaw`
    INSERT INTO daily_rollups (location_id, day, currency, payments_count, payments_gross, payments_refunded)
    SELECT l.id, ${FROM}::date + i,
           (ARRAY['USD', 'EUR', 'JPY', 'GBP'])[1 + substr(l.id, 5)::int % 4],
           1 + i % 3, 100.25 * (1 + i % 9), CASE WHEN i % 10 = 0 THEN 5.5 ELSE 0 END
    FROM locations l, generate_series(0, ${DAYS - 1}::int, 2) i`;
  await db.$executeRaw`ANALYZE`;
  out(
    `data set: ${LOCATIONS.toLocaleString('en')} locations × ${DAYS.toLocaleString('en')} days (${FROM}..${TO}), seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  await buildBin({ 'export-child': 'bench/export-child.ts' }, path.join(ROOT, 'dist/bench'));
  const child = spawnSync(process.execPath, ['dist/bench/export-child.mjs'], {
    cwd: ROOT,
    env: { ...process.env, B_DB: url, B_FROM: FROM, B_TO: TO },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the export child failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
    rows: number;
    bytes: number;
    seconds: number;
    head: string;
    fileName: string;
    cpuSeconds: number;
    maxHeapMb: number;
    baselineRssMb: number;
    maxRssMb: number;
  };
  out(
    `${result.fileName.split(';')[1]?.trim()}: ${(result.bytes / 1048576).toFixed(1)} MB in ${result.seconds.toFixed(2)} s, starts ${JSON.stringify(result.head)}…`,
  );
  out(
    `export process: RSS ${result.baselineRssMb.toFixed(0)} MB before the export (node + pg; the export path loads no Prisma client, the route's session check before it is not measured), ` +
      `heap at most ${result.maxHeapMb.toFixed(0)} MB, ${result.cpuSeconds.toFixed(1)} s CPU ` +
      `(${Math.round(result.rows / result.cpuSeconds)} rows per CPU second; the rest of the wall time is PostgreSQL and waiting for a CPU)`,
  );
  if (result.rows !== LOCATIONS * DAYS)
    out(`UNEXPECTED row count: ${result.rows}, not ${LOCATIONS * DAYS}`);
  out(
    `csv export: ${result.rows} rows, ${Math.round(result.rows / result.seconds)} rows/s, peak RSS ${result.maxRssMb.toFixed(0)} MB`,
  );
} finally {
  await db.$disconnect();
  if (KEEP)
    out(`kept: ${url} (BENCH_KEEP=1; stop with \`npx tsx scripts/pg.ts stop bench-export\`)`);
  else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  if (local?.started && !KEEP) stopLocalPostgres({ name: 'bench-export' });
}
