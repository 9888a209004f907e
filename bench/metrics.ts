/**
 * How fast the metrics are on this machine: the locations report for a whole agency and a
 * rollup recompute after a first sync. Run: `npx tsx bench/metrics.ts` (about a minute). The tests
 * check the same data without a clock (tests/metrics/locations-report-scale.test.ts: one
 * statement, one scan of the rollups; lib/sync/rollups: only touched days are rewritten); this
 * prints the figures, best and median of several runs, for the machine it runs on.
 *
 * PostgreSQL is DATABASE_URL's server or a private one ('bench', port 54331).
 */
import pg from 'pg';
import { createDb } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { startLocalPostgres } from '@/scripts/lib/local-postgres';
import { seedBigLocation, seedScaleAgency } from '@/tests/metrics/seed-scale';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Runs `task` once to warm up, then `runs` times; best and median in ms. */
async function timed(runs: number, task: () => Promise<unknown>) {
  await task();
  const timings: number[] = [];
  for (let run = 0; run < runs; run++) {
    const began = performance.now();
    await task();
    timings.push(performance.now() - began);
  }
  timings.sort((a, b) => a - b);
  const figure = (ms: number | undefined) => `${(ms ?? NaN).toFixed(1)} ms`;
  return `best ${figure(timings[0])}, median ${figure(timings[Math.floor(runs / 2)])}`;
}

const base =
  process.env.DATABASE_URL ??
  (await startLocalPostgres({ name: 'bench', port: 54331, fast: true })).url;
const name = 'bench_metrics';
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
  for (const [locations, days] of [
    [5_000, 30],
    [5_000, 365],
  ] as const) {
    await db.$executeRaw`TRUNCATE locations, location_access, sync_checkpoints, daily_rollups,
      opportunities, subscriptions`;
    await seedScaleAgency(db, locations, days);
    const period = { from: '2024-01-11', to: '2024-01-20' };
    out(
      `locations report, ${locations.toLocaleString('en')} locations × ${days} days of rollups: ${await timed(5, () => getLocationsReport(db, period))}`,
    );
  }
  const touched = await seedBigLocation(db, 'big');
  out(
    `recompute ~400 touched days over ~3,000 facts (Pacific/Auckland): ${await timed(7, () => recomputeDailyRollups(db, 'big', touched))}`,
  );
} finally {
  await db.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
