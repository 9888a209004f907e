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
import { readThroughReportCache } from '@/lib/metrics/report-cache';
import type { LocationsReportParams } from '@/lib/metrics/locations-report-params';
import { parseDailySeriesParams } from '@/lib/metrics/parse-daily-series-params';

export { MAX_SERIES_DAYS } from '@/lib/metrics/parse-daily-series-params';

/** Same as the locations report: `{ from, to, locationIds? }`, local days, both ends included. */
export type DailySeriesParams = LocationsReportParams;

/** One local day of the count series; null = no location shown could read that entity. */
export type DailyCountsPoint = {
  day: string;
  newContacts: number | null;
  opportunitiesCreated: number | null;
  opportunitiesWon: number | null;
  opportunitiesLost: number | null;
};

/** One local day of payments in one currency; money as exact decimal strings. */
export type DailyPaymentsPoint = {
  day: string;
  paymentsCount: number;
  gross: string;
  refunded: string;
  net: string;
};

export type DailyCurrencySeries = { currency: string; points: DailyPaymentsPoint[] };

export type DailySeriesResult = {
  from: string;
  to: string;
  /** Locations summed (active, allowed), whether or not each entity was readable. */
  locations: number;
  /** Locations left out of a series because its entity is unavailable for them. */
  excluded: { contacts: number; opportunities: number; transactions: number };
  /** Every day from..to, in order (dense: days without facts are 0). */
  counts: DailyCountsPoint[];
  /** One dense series per currency paid in during the period, sorted by code; [] when none. */
  currencies: DailyCurrencySeries[];
};

/** A counts row of the one series statement: the day's sums and the scope's counts. */
type CountsSql = DailyCountsSql & DailyScopeSql;
/** A row of the one series statement: counts ('c') or payments ('p'). */
type SeriesSql = { kind: 'c' | 'p' } & Record<string, unknown>;

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
 * The allowed locations and how many cannot read each entity: on every counts row (the period
 * has at least one day), so the series is one statement.
 */
const SCOPE_COUNTS = Prisma.sql`
    scope_counts AS (
      SELECT count(*)::int AS locations,
             (count(*) FILTER (WHERE NOT contacts))::int AS no_contacts,
             (count(*) FILTER (WHERE NOT opportunities))::int AS no_opportunities,
             (count(*) FILTER (WHERE NOT transactions))::int AS no_transactions
      FROM scoped
    )`;

/**
 * Locations whose rollups agency_daily_rollups may hold but this series leaves out, per entity:
 * archived, not in the allowed list, or unable to read the entity. The candidates are every
 * location and every location id report_data_versions knows: daily_rollups' trigger gives every
 * location it writes rows for a row there (and its migration every location that had rollups),
 * so no rollup row the agency table counts can be missed, without scanning any rollups to find
 * them. Usually none or a few, so their rows are read per location (LATERAL: the
 * (location_id, day) key), never by scanning the period's rows of every location.
 */
const LEFT_OUT = Prisma.sql`
    present AS (
      SELECT l.id AS location_id FROM locations l
      UNION SELECT v.location_id FROM report_data_versions v WHERE v.location_id <> '*'
    ),
    left_out AS MATERIALIZED (
      SELECT p.location_id, NOT coalesce(s.contacts, false) AS contacts,
             NOT coalesce(s.opportunities, false) AS opportunities,
             NOT coalesce(s.transactions, false) AS transactions
      FROM present p LEFT JOIN scoped s ON s.id = p.location_id
      WHERE s.id IS NULL OR NOT (s.contacts AND s.opportunities AND s.transactions)
    )`;

/**
 * Per-day sums over the '' rollup rows (counts), each entity summed only over the locations that
 * can read it. Rollups are already bucketed by each location's local day, so `day` is plain.
 * For every location (no list): the agency's stored daily sums minus the left-out locations'
 * rows; for a list of locations: their own rows.
 */
function countSums(params: DailySeriesParams): Prisma.Sql {
  const inPeriod = (day: Prisma.Sql) =>
    Prisma.sql`${day} BETWEEN ${params.from}::date AND ${params.to}::date`;
  const sums =
    params.locationIds === undefined
      ? Prisma.sql`
    count_sums AS (
      SELECT x.day, sum(x.new_contacts) AS new_contacts, sum(x.created) AS created,
             sum(x.won) AS won, sum(x.lost) AS lost
      FROM (
        SELECT a.day, a.new_contacts, a.opportunities_created AS created,
               a.opportunities_won AS won, a.opportunities_lost AS lost
        FROM agency_daily_rollups a
        WHERE a.currency = '' AND ${inPeriod(Prisma.sql`a.day`)}
        UNION ALL
        SELECT r.day, -r.new_contacts * o.contacts::int, -r.opportunities_created * o.opportunities::int,
               -r.opportunities_won * o.opportunities::int, -r.opportunities_lost * o.opportunities::int
        FROM left_out o CROSS JOIN LATERAL (
          SELECT r.day, r.new_contacts, r.opportunities_created, r.opportunities_won,
                 r.opportunities_lost
          FROM daily_rollups r
          WHERE r.location_id = o.location_id AND r.currency = '' AND ${inPeriod(Prisma.sql`r.day`)}
          OFFSET 0 -- kept a per-location subquery, not flattened into a scan of every row
        ) r
      ) x
      GROUP BY x.day
    )`
      : Prisma.sql`
    count_sums AS (
      SELECT r.day,
             sum(r.new_contacts) FILTER (WHERE s.contacts) AS new_contacts,
             sum(r.opportunities_created) FILTER (WHERE s.opportunities) AS created,
             sum(r.opportunities_won) FILTER (WHERE s.opportunities) AS won,
             sum(r.opportunities_lost) FILTER (WHERE s.opportunities) AS lost
      FROM daily_rollups r JOIN scoped s ON s.id = r.location_id
      WHERE r.currency = '' AND ${inPeriod(Prisma.sql`r.day`)}
        AND ${locationIdFilter(Prisma.sql`r.location_id`, params.locationIds)}
      GROUP BY r.day
    )`;
  return sums;
}

/**
 * Per-day, per-currency payments over locations whose transactions are available; dense. Same
 * two sources as the counts.
 */
function paymentSums(params: DailySeriesParams): Prisma.Sql {
  const inPeriod = (day: Prisma.Sql) =>
    Prisma.sql`${day} BETWEEN ${params.from}::date AND ${params.to}::date`;
  const sums =
    params.locationIds === undefined
      ? Prisma.sql`
    payment_sums AS (
      SELECT x.day, x.currency, sum(x.count) AS count, sum(x.gross) AS gross,
             sum(x.refunded) AS refunded
      FROM (
        SELECT a.day, a.currency, a.payments_count AS count, a.payments_gross AS gross,
               a.payments_refunded AS refunded
        FROM agency_daily_rollups a
        WHERE a.currency <> '' AND ${inPeriod(Prisma.sql`a.day`)}
        UNION ALL
        SELECT r.day, r.currency, -r.payments_count, -r.payments_gross, -r.payments_refunded
        FROM left_out o CROSS JOIN LATERAL (
          SELECT r.day, r.currency, r.payments_count, r.payments_gross, r.payments_refunded
          FROM daily_rollups r
          WHERE r.location_id = o.location_id AND r.currency <> '' AND ${inPeriod(Prisma.sql`r.day`)}
          OFFSET 0 -- kept a per-location subquery, not flattened into a scan of every row
        ) r
        WHERE o.transactions
      ) x
      GROUP BY x.day, x.currency
    )`
      : Prisma.sql`
    payment_sums AS (
      SELECT r.day, r.currency, sum(r.payments_count) AS count,
             sum(r.payments_gross) AS gross, sum(r.payments_refunded) AS refunded
      FROM daily_rollups r JOIN scoped s ON s.id = r.location_id AND s.transactions
      WHERE r.currency <> '' AND ${inPeriod(Prisma.sql`r.day`)}
        AND ${locationIdFilter(Prisma.sql`r.location_id`, params.locationIds)}
      GROUP BY r.day, r.currency
    )`;
  return sums;
}

/**
 * The whole series in one statement (the allowed locations and their availability read once):
 * the count rows ('c', every day, each with the scope's counts) and then the payment rows ('p',
 * every day of each currency paid in), in order.
 */
function seriesQuery(params: DailySeriesParams): Prisma.Sql {
  const leftOut = params.locationIds === undefined ? Prisma.sql`${LEFT_OUT},` : Prisma.empty;
  return Prisma.sql`
    WITH ${scope(params)}, ${leftOut} ${countSums(params)}, ${paymentSums(params)}, ${SCOPE_COUNTS},
    paid AS (SELECT currency FROM payment_sums GROUP BY currency HAVING sum(count) > 0)
    SELECT 'c' AS kind, to_char(days.day, 'YYYY-MM-DD') AS day, NULL::text AS currency,
           coalesce(c.new_contacts, 0)::int AS new_contacts, coalesce(c.created, 0)::int AS created,
           coalesce(c.won, 0)::int AS won, coalesce(c.lost, 0)::int AS lost,
           NULL::int AS count, NULL::text AS gross, NULL::text AS refunded,
           scope_counts.locations, scope_counts.no_contacts, scope_counts.no_opportunities,
           scope_counts.no_transactions
    FROM days CROSS JOIN scope_counts LEFT JOIN count_sums c ON c.day = days.day
    UNION ALL
    SELECT 'p', to_char(days.day, 'YYYY-MM-DD'), paid.currency, NULL, NULL, NULL, NULL,
           coalesce(p.count, 0)::int, coalesce(p.gross, 0)::text, coalesce(p.refunded, 0)::text,
           NULL, NULL, NULL, NULL
    FROM paid CROSS JOIN days
    LEFT JOIN payment_sums p ON p.day = days.day AND p.currency = paid.currency
    ORDER BY 1, 3, 2`;
}

/**
 * Dense daily series for charts: every local day from..to with new contacts, opportunities
 * created / won / lost (summed over the allowed locations), and payments count / gross / refunded
 * / net per currency (never added across currencies). A location whose entity is unavailable is
 * left out of that entity's series and counted in `excluded`; when no location can read an
 * entity, its points are null (unavailable), never 0. Same definitions as getLocationsReport
 * (docs/metrics.md, "Daily series"). Throws ReportParamsError on bad params or a period longer
 * than MAX_SERIES_DAYS. Served from the report cache while its data is unchanged
 * (lib/metrics/report-cache.ts).
 */
export async function getDailySeries(
  db: Db,
  params: DailySeriesParams,
): Promise<DailySeriesResult> {
  const valid = parseDailySeriesParams(params);
  // The same data gives the same series: computed once per version of it (report-cache.ts).
  return readThroughReportCache(
    db,
    { name: 'daily-series', inputs: valid, locationIds: valid.locationIds },
    () => [db.$queryRaw<SeriesSql[]>(seriesQuery(valid))],
    ([rows]) => {
      const countRows = rows.filter((row): row is SeriesSql & CountsSql => row.kind === 'c');
      const paymentRows = rows.filter(
        (row): row is SeriesSql & DailyPaymentsSql => row.kind === 'p',
      );
      // Every counts row carries the scope's counts (the period has at least one day).
      return dailySeriesFromRows(valid, countRows[0], countRows, paymentRows);
    },
  );
}
