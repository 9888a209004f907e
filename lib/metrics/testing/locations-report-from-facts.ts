import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import { entityAvailabilitySql } from '@/lib/metrics/entity-availability-sql';
import type { LocationsReportResult } from '@/lib/metrics/get-locations-report';
import {
  locationsReportRowFromSql,
  type LocationsReportSqlRow,
} from '@/lib/metrics/locations-report-row-from-sql';
import {
  parseLocationsReportParams,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';

/**
 * The whole agency in one statement. Period metrics and total_contacts come from daily_rollups
 * (already bucketed by each location's local day, so `from`/`to` are plain dates here) in a
 * single scan; the snapshots (open pipeline, active subscriptions) from the facts. Each table is
 * aggregated per location before the join, and the location filter reaches every scan so a
 * restricted report uses the (location_id, …) indexes. Sums stay in SQL numerics and leave as
 * text, so no money ever passes through a float.
 */
function reportQuery(params: LocationsReportParams): Prisma.Sql {
  const from = Prisma.sql`${params.from}::date`;
  const to = Prisma.sql`${params.to}::date`;
  const only = (column: Prisma.Sql) => locationIdFilter(column, params.locationIds);
  // Counts live on the '' rows, payments on the currency rows: sum each only where it lives.
  const counted = (column: Prisma.Sql) =>
    Prisma.sql`sum(${column}) FILTER (WHERE r.day >= ${from} AND r.currency = '')`;
  const paid = (column: Prisma.Sql) =>
    Prisma.sql`sum(${column}) FILTER (WHERE r.day >= ${from} AND r.currency <> '')`;
  return Prisma.sql`
    WITH loc AS (
      SELECT l.id, l.name, l.timezone, l.last_synced_at, l.currency FROM locations l
      WHERE ${activeLocation(Prisma.sql`l`)} AND ${only(Prisma.sql`l.id`)}
    ),
    avail AS (${entityAvailabilitySql(params.locationIds)}),
    -- One scan of the rollups: all history up to the last day (total_contacts), the period within.
    sums AS MATERIALIZED (
      SELECT r.location_id, r.currency,
             ${counted(Prisma.sql`r.new_contacts`)} AS new_contacts,
             sum(r.new_contacts) AS total_contacts,
             ${counted(Prisma.sql`r.opportunities_created`)} AS created,
             ${counted(Prisma.sql`r.opportunities_won`)} AS won,
             ${counted(Prisma.sql`r.opportunities_lost`)} AS lost,
             ${counted(Prisma.sql`r.won_value`)} AS won_value,
             ${paid(Prisma.sql`r.payments_count`)} AS count,
             ${paid(Prisma.sql`r.payments_gross`)} AS gross,
             ${paid(Prisma.sql`r.payments_refunded`)} AS refunded
      FROM daily_rollups r
      WHERE r.day <= ${to} AND ${only(Prisma.sql`r.location_id`)}
      GROUP BY r.location_id, r.currency
    ),
    counts AS (SELECT * FROM sums WHERE currency = ''),
    payments AS (SELECT * FROM sums WHERE currency <> '' AND count > 0),
    pipeline AS (
      SELECT o.location_id, sum(o.monetary_value) AS open_value FROM opportunities o
      WHERE o.status = 'open' AND ${only(Prisma.sql`o.location_id`)}
      GROUP BY o.location_id
    ),
    subs AS (
      SELECT s.location_id, count(*) AS active FROM subscriptions s
      WHERE s.live_mode AND s.status = 'active' AND ${only(Prisma.sql`s.location_id`)}
      GROUP BY s.location_id
    )
    SELECT loc.id AS location_id, loc.name AS location_name, loc.timezone,
      coalesce(p.currency, '') AS currency,
      coalesce(ac.contacts, false) AS contacts_ok,
      coalesce(ac.opportunities, false) AS opportunities_ok,
      coalesce(ac.transactions, false) AS transactions_ok,
      coalesce(ac.subscriptions, false) AS subscriptions_ok,
      CASE WHEN ac.contacts THEN coalesce(c.new_contacts, 0)::int END AS new_contacts,
      CASE WHEN ac.contacts THEN coalesce(c.total_contacts, 0)::int END AS total_contacts,
      CASE WHEN ac.opportunities THEN coalesce(c.created, 0)::int END AS opportunities_created,
      CASE WHEN ac.opportunities THEN coalesce(c.won, 0)::int END AS opportunities_won,
      CASE WHEN ac.opportunities THEN coalesce(c.lost, 0)::int END AS opportunities_lost,
      CASE WHEN ac.opportunities THEN coalesce(c.won_value, 0)::text END AS won_value,
      CASE WHEN ac.opportunities THEN coalesce(pl.open_value, 0)::text END AS open_pipeline_value,
      CASE WHEN ac.transactions THEN coalesce(p.count, 0)::int END AS payments_count,
      CASE WHEN ac.transactions THEN coalesce(p.gross, 0)::text END AS payments_gross,
      CASE WHEN ac.transactions THEN coalesce(p.refunded, 0)::text END AS payments_refunded,
      CASE WHEN ac.transactions THEN (coalesce(p.gross, 0) - coalesce(p.refunded, 0))::text
        END AS payments_net,
      CASE WHEN ac.subscriptions THEN coalesce(su.active, 0)::int END AS active_subscriptions,
      loc.last_synced_at AS data_as_of, loc.currency AS location_currency
    FROM loc
    LEFT JOIN avail ac ON ac.location_id = loc.id
    LEFT JOIN counts c ON c.location_id = loc.id
    LEFT JOIN payments p ON p.location_id = loc.id AND ac.transactions
    LEFT JOIN pipeline pl ON pl.location_id = loc.id
    LEFT JOIN subs su ON su.location_id = loc.id
    ORDER BY loc.name, loc.id, currency`;
}

/**
 * The locations report as it was computed before the stored snapshots (location_snapshots,
 * monthly_rollups): the same statement reading every rollup row up to `to`, all open
 * opportunities and all active subscriptions from the facts. Kept as the reference the snapshot
 * tests compare with and the "today's approach" of bench/dashboard.ts; never used by the app.
 * Otherwise as getLocationsReport: one row per (location, currency) for the local calendar days
 * `from`..`to` (inclusive, each location's own time zone), archived locations left out, ordered
 * by location name, id, currency. Metric definitions, availability and data_as_of:
 * docs/metrics.md. Throws ReportParamsError on bad params (bad dates, from after to). Its own SQL
 * computes the figures; turning its rows into report rows (locationsReportRowFromSql) is shared
 * with getLocationsReport and checked by its tests.
 *
 * @param db a Prisma client
 * @param params `{ from, to, locationIds? }`, validated here
 */
export async function getLocationsReportFromFacts(
  db: Db,
  params: LocationsReportParams,
): Promise<LocationsReportResult> {
  const valid = parseLocationsReportParams(params);
  const rows = await db.$queryRaw<LocationsReportSqlRow[]>(reportQuery(valid));
  // Only the SQL is this reference's own: its rows are shaped as getLocationsReport shapes them.
  return { from: valid.from, to: valid.to, rows: rows.map(locationsReportRowFromSql) };
}
