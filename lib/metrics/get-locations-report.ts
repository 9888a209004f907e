import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import { entityAvailabilitySql, type ReportEntity } from '@/lib/metrics/entity-availability-sql';
import {
  locationsReportRowFromSql,
  type LocationsReportSqlRow,
} from '@/lib/metrics/locations-report-row-from-sql';
import {
  parseLocationsReportParams,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';
import { readThroughReportCache } from '@/lib/metrics/report-cache';
import { planPeriodReads, type DayRange } from '@/lib/metrics/plan-period-reads';

export type { LocationsReportParams } from '@/lib/metrics/locations-report-params';
export type { ReportEntity } from '@/lib/metrics/entity-availability-sql';

/**
 * One (location, currency) row. `null` = unavailable (the tokens could not read what the metric
 * needs, or it never synced) — shown as an empty cell, never as 0. Money is an exact decimal
 * string; `winRate` a 4-decimal string. Definitions: docs/metrics.md. Each field but `unavailable`
 * is a column of lib/metrics/locations-report-columns.ts, which also maps it from the SQL.
 */
export type LocationsReportRow = {
  locationId: string;
  locationName: string;
  timezone: string;
  /** ISO code of the payment columns; '' when there were no payments or they are unavailable. */
  currency: string;
  newContacts: number | null;
  totalContacts: number | null;
  opportunitiesCreated: number | null;
  opportunitiesWon: number | null;
  opportunitiesLost: number | null;
  wonValue: string | null;
  openPipelineValue: string | null;
  /** won / (won + lost), e.g. "0.6667"; null when both are 0 or opportunities are unavailable. */
  winRate: string | null;
  paymentsCount: number | null;
  paymentsGross: string | null;
  paymentsRefunded: string | null;
  paymentsNet: string | null;
  activeSubscriptions: number | null;
  /** ISO time of the location's last complete sync; null if it never completed one. */
  dataAsOf: string | null;
  /** Entities whose metrics are unavailable for this location (why cells are empty). */
  unavailable: ReportEntity[];
  /**
   * The location's own currency (won value and open pipeline are in it), when known
   * (`locations.currency`, derived by the sync). Not a CSV column: the table formats with it.
   */
  locationCurrency?: string;
};

export type LocationsReportResult = { from: string; to: string; rows: LocationsReportRow[] };

/**
 * The whole agency in one statement. Period metrics come from the rollups (already bucketed by
 * each location's local day, so `from`/`to` are plain dates here), read as planPeriodReads says:
 * whole calendar months from monthly_rollups, and each partial month at an edge from
 * daily_rollups, either its days in the period or (fewer rows) its whole month less the days
 * outside it, each row counted +1, 0 or -1 times (one scan of each table). total_contacts is
 * the location's total of every day (location_snapshots) less the months from monthsTo on and
 * the days the plan takes away: no month before the period is read. The "now" figures (open
 * pipeline, active subscriptions) come from location_snapshots too. All three are
 * sums of the same facts kept in step by triggers (docs/metrics.md, "Stored for speed"). Each
 * source is aggregated per location before the join, and the location filter reaches every scan
 * so a restricted report uses the (location_id, …) indexes. Sums stay in SQL numerics and leave
 * as text, so no money ever passes through a float.
 */
function reportQuery(params: LocationsReportParams): Prisma.Sql {
  const plan = planPeriodReads(params.from, params.to);
  const monthsFrom = Prisma.sql`${plan.pMonthsFrom}::date`;
  const monthsTo = Prisma.sql`${plan.monthsTo}::date`;
  const only = (column: Prisma.Sql) => locationIdFilter(column, params.locationIds);
  const inRange = (range: DayRange) =>
    Prisma.sql`(r.day >= ${range.from}::date AND r.day < ${range.until}::date)`;
  const sign = (pick: (range: DayRange) => number) =>
    plan.days.length === 0
      ? Prisma.sql`0`
      : Prisma.sql`CASE ${Prisma.join(
          plan.days.map((range) => Prisma.sql`WHEN ${inRange(range)} THEN ${pick(range)}::int`),
          ' ',
        )} ELSE 0 END`;
  // Each daily row says once how often it counts in the period (p) and in the total to date (t):
  // -1, 0 or 1; OFFSET 0 keeps them computed per row instead of repeated in every aggregate.
  // Months are plain sums: those of the period, and ('' only) those from monthsTo on, which the
  // total to date takes away from the location's total. Grouping by currency keeps counts ('' rows)
  // and payments (currency rows) apart.
  const sums = Prisma.sql`location_id, currency,
      sum(p * new_contacts) FILTER (WHERE p <> 0) AS new_contacts,
      sum(t * new_contacts) FILTER (WHERE t <> 0) AS total_contacts,
      sum(p * opportunities_created) FILTER (WHERE p <> 0) AS created,
      sum(p * opportunities_won) FILTER (WHERE p <> 0) AS won,
      sum(p * opportunities_lost) FILTER (WHERE p <> 0) AS lost,
      sum(p * won_value) FILTER (WHERE p <> 0) AS won_value,
      sum(p * payments_count) FILTER (WHERE p <> 0) AS count,
      sum(p * payments_gross) FILTER (WHERE p <> 0) AS gross,
      sum(p * payments_refunded) FILTER (WHERE p <> 0) AS refunded`;
  const daysRead =
    plan.days.length === 0 ? Prisma.sql`FALSE` : Prisma.join(plan.days.map(inRange), ' OR ');
  return Prisma.sql`
    WITH loc AS (
      SELECT l.id, l.name, l.timezone, l.last_synced_at, l.currency FROM locations l
      WHERE ${activeLocation(Prisma.sql`l`)} AND ${only(Prisma.sql`l.id`)}
    ),
    avail AS (${entityAvailabilitySql(params.locationIds)}),
    months AS (
      SELECT location_id, currency, sum(new_contacts) AS new_contacts,
             NULL::bigint AS total_contacts, sum(opportunities_created) AS created,
             sum(opportunities_won) AS won, sum(opportunities_lost) AS lost,
             sum(won_value) AS won_value, sum(payments_count) AS count,
             sum(payments_gross) AS gross, sum(payments_refunded) AS refunded
      FROM monthly_rollups m
      WHERE m.month >= ${monthsFrom} AND m.month < ${monthsTo} AND ${only(Prisma.sql`m.location_id`)}
      GROUP BY location_id, currency
    ),
    later_months AS (
      SELECT location_id, currency, NULL::bigint AS new_contacts,
             -sum(new_contacts) AS total_contacts, NULL::bigint AS created, NULL::bigint AS won,
             NULL::bigint AS lost, NULL::numeric AS won_value, NULL::bigint AS count,
             NULL::numeric AS gross, NULL::numeric AS refunded
      FROM monthly_rollups m
      WHERE m.month >= ${monthsTo} AND m.currency = '' AND ${only(Prisma.sql`m.location_id`)}
      GROUP BY location_id, currency
    ),
    days AS (
      SELECT ${sums} FROM (
        SELECT r.*, ${sign((range) => range.p)} AS p,
               CASE WHEN r.currency = '' THEN ${sign((range) => range.t)} ELSE 0 END AS t
        FROM daily_rollups r
        WHERE (${daysRead}) AND ${only(Prisma.sql`r.location_id`)}
        OFFSET 0
      ) r
      GROUP BY location_id, currency
    ),
    sums AS MATERIALIZED (
      SELECT location_id, currency, sum(new_contacts) AS new_contacts,
             sum(total_contacts) AS total_contacts, sum(created) AS created, sum(won) AS won,
             sum(lost) AS lost, sum(won_value) AS won_value, sum(count) AS count,
             sum(gross) AS gross, sum(refunded) AS refunded
      FROM (SELECT * FROM months UNION ALL SELECT * FROM later_months
            UNION ALL SELECT * FROM days) all_sources
      GROUP BY location_id, currency
    ),
    counts AS (SELECT * FROM sums WHERE currency = ''),
    payments AS (SELECT * FROM sums WHERE currency <> '' AND count > 0)
    SELECT loc.id AS location_id, loc.name AS location_name, loc.timezone,
      coalesce(p.currency, '') AS currency,
      coalesce(ac.contacts, false) AS contacts_ok,
      coalesce(ac.opportunities, false) AS opportunities_ok,
      coalesce(ac.transactions, false) AS transactions_ok,
      coalesce(ac.subscriptions, false) AS subscriptions_ok,
      CASE WHEN ac.contacts THEN coalesce(c.new_contacts, 0)::int END AS new_contacts,
      CASE WHEN ac.contacts THEN (coalesce(sn.total_contacts, 0) + coalesce(c.total_contacts, 0))::int
        END AS total_contacts,
      CASE WHEN ac.opportunities THEN coalesce(c.created, 0)::int END AS opportunities_created,
      CASE WHEN ac.opportunities THEN coalesce(c.won, 0)::int END AS opportunities_won,
      CASE WHEN ac.opportunities THEN coalesce(c.lost, 0)::int END AS opportunities_lost,
      CASE WHEN ac.opportunities THEN coalesce(c.won_value, 0)::text END AS won_value,
      CASE WHEN ac.opportunities THEN coalesce(sn.open_pipeline_value, 0)::text
        END AS open_pipeline_value,
      CASE WHEN ac.transactions THEN coalesce(p.count, 0)::int END AS payments_count,
      CASE WHEN ac.transactions THEN coalesce(p.gross, 0)::text END AS payments_gross,
      CASE WHEN ac.transactions THEN coalesce(p.refunded, 0)::text END AS payments_refunded,
      CASE WHEN ac.transactions THEN (coalesce(p.gross, 0) - coalesce(p.refunded, 0))::text
        END AS payments_net,
      CASE WHEN ac.subscriptions THEN coalesce(sn.active_subscriptions, 0)::int
        END AS active_subscriptions,
      loc.last_synced_at AS data_as_of, loc.currency AS location_currency
    FROM loc
    LEFT JOIN avail ac ON ac.location_id = loc.id
    LEFT JOIN counts c ON c.location_id = loc.id
    LEFT JOIN payments p ON p.location_id = loc.id AND ac.transactions
    LEFT JOIN location_snapshots sn ON sn.location_id = loc.id
    ORDER BY loc.name, loc.id, currency`;
}

/**
 * The cross-location report: one row per (location, currency) for the local calendar days
 * `from`..`to` (inclusive, each location's own time zone), archived locations left out, ordered
 * by location name, id, currency. Metric definitions, availability and data_as_of:
 * docs/metrics.md. Throws ReportParamsError on bad params (bad dates, from after to). Served from
 * the report cache while its data is unchanged (lib/metrics/report-cache.ts).
 *
 * @param db a Prisma client
 * @param params `{ from, to, locationIds? }`, validated here
 */
export async function getLocationsReport(
  db: Db,
  params: LocationsReportParams,
): Promise<LocationsReportResult> {
  const valid = parseLocationsReportParams(params);
  // The same data gives the same report: computed once per version of it (report-cache.ts).
  return readThroughReportCache(
    db,
    { name: 'locations-report', inputs: valid, locationIds: valid.locationIds },
    () => [db.$queryRaw<LocationsReportSqlRow[]>(reportQuery(valid))],
    ([rows]) => ({ from: valid.from, to: valid.to, rows: rows.map(locationsReportRowFromSql) }),
    {
      // After a sync committed a few locations: their rows again, and the report's order.
      statements: (changed) => [
        db.$queryRaw<LocationsReportSqlRow[]>(reportQuery({ ...valid, locationIds: changed })),
        db.$queryRaw<{ id: string }[]>(orderQuery(valid)),
      ],
      merge: (previous, [rows, order], changed) =>
        mergeRows(previous, rows.map(locationsReportRowFromSql), order, changed),
    },
  );
}

/** The report's locations in its order (name, id): the statement's `loc` and ORDER BY. */
function orderQuery(params: LocationsReportParams): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id FROM locations l
    WHERE ${activeLocation(Prisma.sql`l`)} AND ${locationIdFilter(Prisma.sql`l.id`, params.locationIds)}
    ORDER BY l.name, l.id`;
}

/**
 * The last result with the changed locations' rows replaced by `fresh`, in the report's order;
 * null when a location in that order has no rows (every active location has at least one).
 */
function mergeRows(
  previous: LocationsReportResult,
  fresh: LocationsReportRow[],
  order: { id: string }[],
  changed: ReadonlySet<string>,
): LocationsReportResult | null {
  const byLocation = (rows: LocationsReportRow[]) => {
    const map = new Map<string, LocationsReportRow[]>();
    for (const row of rows) map.set(row.locationId, [...(map.get(row.locationId) ?? []), row]);
    return map;
  };
  const kept = byLocation(previous.rows);
  const recomputed = byLocation(fresh);
  const rows: LocationsReportRow[] = [];
  for (const { id } of order) {
    const own = changed.has(id) ? recomputed.get(id) : kept.get(id);
    if (!own) return null;
    rows.push(...own);
  }
  return { from: previous.from, to: previous.to, rows };
}
