import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import {
  dailySeriesFromRows,
  type DailyCountsSql,
  type DailyPaymentsSql,
  type DailyScopeSql,
} from '@/lib/metrics/daily-series-from-rows';
import { entityAvailabilitySql } from '@/lib/metrics/entity-availability-sql';
import type { DailySeriesParams, DailySeriesResult } from '@/lib/metrics/get-daily-series';
import { parseDailySeriesParams } from '@/lib/metrics/parse-daily-series-params';

/** Allowed active locations with their availability, as CTEs every query below starts with. */
function scope(params: DailySeriesParams): Prisma.Sql {
  return Prisma.sql`
    loc AS (
      SELECT l.id FROM locations l
      WHERE ${activeLocation(Prisma.sql`l`)} AND ${locationIdFilter(Prisma.sql`l.id`, params.locationIds)}
    ),
    avail AS (${entityAvailabilitySql(params.locationIds)}),
    scoped AS (
      SELECT loc.id, coalesce(av.contacts, false) AS contacts,
             coalesce(av.opportunities, false) AS opportunities,
             coalesce(av.transactions, false) AS transactions
      FROM loc LEFT JOIN avail av ON av.location_id = loc.id
    ),
    days AS (
      SELECT d::date AS day FROM generate_series(${params.from}::date, ${params.to}::date, interval '1 day') d
    )`;
}

/**
 * Per-day sums over the '' rollup rows (counts), each entity summed only over the locations that
 * can read it. Rollups are already bucketed by each location's local day, so `day` is plain.
 */
function countsQuery(params: DailySeriesParams): Prisma.Sql {
  return Prisma.sql`
    WITH ${scope(params)},
    sums AS (
      SELECT r.day,
             sum(r.new_contacts) FILTER (WHERE s.contacts) AS new_contacts,
             sum(r.opportunities_created) FILTER (WHERE s.opportunities) AS created,
             sum(r.opportunities_won) FILTER (WHERE s.opportunities) AS won,
             sum(r.opportunities_lost) FILTER (WHERE s.opportunities) AS lost
      FROM daily_rollups r JOIN scoped s ON s.id = r.location_id
      WHERE r.currency = '' AND r.day BETWEEN ${params.from}::date AND ${params.to}::date
        AND ${locationIdFilter(Prisma.sql`r.location_id`, params.locationIds)}
      GROUP BY r.day
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day,
           coalesce(sums.new_contacts, 0)::int AS new_contacts, coalesce(sums.created, 0)::int AS created,
           coalesce(sums.won, 0)::int AS won, coalesce(sums.lost, 0)::int AS lost
    FROM days LEFT JOIN sums ON sums.day = days.day
    ORDER BY days.day`;
}

/** Per-day, per-currency payments over locations whose transactions are available; dense. */
function paymentsQuery(params: DailySeriesParams): Prisma.Sql {
  return Prisma.sql`
    WITH ${scope(params)},
    sums AS (
      SELECT r.day, r.currency, sum(r.payments_count) AS count,
             sum(r.payments_gross) AS gross, sum(r.payments_refunded) AS refunded
      FROM daily_rollups r JOIN scoped s ON s.id = r.location_id AND s.transactions
      WHERE r.currency <> '' AND r.day BETWEEN ${params.from}::date AND ${params.to}::date
        AND ${locationIdFilter(Prisma.sql`r.location_id`, params.locationIds)}
      GROUP BY r.day, r.currency
    ),
    paid AS (SELECT currency FROM sums GROUP BY currency HAVING sum(count) > 0)
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, paid.currency,
           coalesce(sums.count, 0)::int AS count, coalesce(sums.gross, 0)::text AS gross,
           coalesce(sums.refunded, 0)::text AS refunded
    FROM paid CROSS JOIN days
    LEFT JOIN sums ON sums.day = days.day AND sums.currency = paid.currency
    ORDER BY paid.currency, days.day`;
}

function locationsQuery(params: DailySeriesParams): Prisma.Sql {
  return Prisma.sql`
    WITH ${scope(params)}
    SELECT count(*)::int AS locations,
           (count(*) FILTER (WHERE NOT contacts))::int AS no_contacts,
           (count(*) FILTER (WHERE NOT opportunities))::int AS no_opportunities,
           (count(*) FILTER (WHERE NOT transactions))::int AS no_transactions
    FROM scoped`;
}

/**
 * The daily series as it was computed before agency_daily_rollups: every allowed location's
 * rollup rows of the period, summed per day. The reference the snapshot tests compare with and
 * the "today's approach" of bench/dashboard.ts; never used by the app. Otherwise as
 * getDailySeries: dense daily series for charts: every local day from..to with new contacts, opportunities
 * created / won / lost (summed over the allowed locations), and payments count / gross / refunded
 * / net per currency (never added across currencies). A location whose entity is unavailable is
 * left out of that entity's series and counted in `excluded`; when no location can read an
 * entity, its points are null (unavailable), never 0. Same definitions as getLocationsReport
 * (docs/metrics.md, "Daily series"). Throws ReportParamsError on bad params or a period longer
 * than MAX_SERIES_DAYS. Its own SQL sums the rows; turning them into the result
 * (dailySeriesFromRows) is shared with getDailySeries and checked by its tests.
 */
export async function getDailySeriesFromRollups(
  db: Db,
  params: DailySeriesParams,
): Promise<DailySeriesResult> {
  const valid = parseDailySeriesParams(params);
  const [countRows, paymentRows, locationRows] = await db.$transaction([
    db.$queryRaw<DailyCountsSql[]>(countsQuery(valid)),
    db.$queryRaw<DailyPaymentsSql[]>(paymentsQuery(valid)),
    db.$queryRaw<DailyScopeSql[]>(locationsQuery(valid)),
  ]);
  // Only the sums are this reference's own: the rows are shaped as getDailySeries shapes them.
  return dailySeriesFromRows(valid, locationRows[0], countRows, paymentRows);
}
