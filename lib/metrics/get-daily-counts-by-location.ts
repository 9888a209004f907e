import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import { entityAvailabilitySql } from '@/lib/metrics/entity-availability-sql';
import {
  MAX_SERIES_DAYS,
  type DailyCountsPoint,
  type DailySeriesParams,
} from '@/lib/metrics/get-daily-series';
import { jitOff } from '@/lib/metrics/jit-off';
import {
  parseLocationsReportParams,
  ReportParamsError,
} from '@/lib/metrics/locations-report-params';

type Sql = {
  location_id: string;
  contacts: boolean;
  opportunities: boolean;
  day: string;
  new_contacts: number;
  created: number;
  won: number;
  lost: number;
};

/**
 * Each location's own daily count series, for many locations in one statement: for every id in
 * `locationIds`, exactly `getDailySeries(db, { from, to, locationIds: [id] }).counts` (every day
 * from..to; null where the location cannot read the entity; an archived or unknown location all
 * 0, as the single-location series gives). A burst of location emails reads its charts with it,
 * one statement per batch of locations instead of three per email. Throws ReportParamsError on
 * bad params or a period longer than MAX_SERIES_DAYS.
 */
export async function getDailyCountsByLocation(
  db: Db,
  params: DailySeriesParams & { locationIds: readonly string[] },
): Promise<Map<string, DailyCountsPoint[]>> {
  const valid = parseLocationsReportParams(params);
  const ids = valid.locationIds ?? [];
  const days =
    (Date.parse(`${valid.to}T00:00:00Z`) - Date.parse(`${valid.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_SERIES_DAYS) {
    throw new ReportParamsError(
      `Invalid report parameters: to: a daily series covers at most ${MAX_SERIES_DAYS} days (got ${days})`,
    );
  }
  const only = (column: Prisma.Sql) => locationIdFilter(column, ids);
  const [, rows] = await db.$transaction([
    db.$queryRaw`SELECT ${jitOff()}`,
    db.$queryRaw<Sql[]>`
      WITH loc AS (
        SELECT l.id FROM locations l WHERE ${activeLocation(Prisma.sql`l`)} AND ${only(Prisma.sql`l.id`)}
      ),
      avail AS (${entityAvailabilitySql(ids)}),
      scoped AS (
        SELECT loc.id, coalesce(av.contacts, false) AS contacts,
               coalesce(av.opportunities, false) AS opportunities
        FROM loc LEFT JOIN avail av ON av.location_id = loc.id
      ),
      days AS (
        SELECT d::date AS day
        FROM generate_series(${valid.from}::date, ${valid.to}::date, interval '1 day') d
      ),
      sums AS (
        SELECT r.location_id, r.day, sum(r.new_contacts) AS new_contacts,
               sum(r.opportunities_created) AS created, sum(r.opportunities_won) AS won,
               sum(r.opportunities_lost) AS lost
        FROM daily_rollups r
        WHERE r.currency = '' AND r.day BETWEEN ${valid.from}::date AND ${valid.to}::date
          AND ${only(Prisma.sql`r.location_id`)}
        GROUP BY r.location_id, r.day
      )
      SELECT s.id AS location_id, s.contacts, s.opportunities,
             to_char(days.day, 'YYYY-MM-DD') AS day,
             coalesce(sums.new_contacts, 0)::int AS new_contacts,
             coalesce(sums.created, 0)::int AS created, coalesce(sums.won, 0)::int AS won,
             coalesce(sums.lost, 0)::int AS lost
      FROM scoped s CROSS JOIN days
      LEFT JOIN sums ON sums.location_id = s.id AND sums.day = days.day
      ORDER BY s.id, days.day`,
  ]);
  const byLocation = new Map<string, DailyCountsPoint[]>();
  for (const row of rows) {
    const points = byLocation.get(row.location_id) ?? [];
    points.push({
      day: row.day,
      newContacts: row.contacts ? row.new_contacts : null,
      opportunitiesCreated: row.opportunities ? row.created : null,
      opportunitiesWon: row.opportunities ? row.won : null,
      opportunitiesLost: row.opportunities ? row.lost : null,
    });
    byLocation.set(row.location_id, points);
  }
  // Not an active location: the single-location series sums no location, so every day is 0.
  for (const id of ids) {
    if (byLocation.has(id)) continue;
    const points: DailyCountsPoint[] = [];
    for (let i = 0; i < days; i++) {
      const day = new Date(Date.parse(`${valid.from}T00:00:00Z`) + i * 86_400_000)
        .toISOString()
        .slice(0, 10);
      points.push({
        day,
        newContacts: 0,
        opportunitiesCreated: 0,
        opportunitiesWon: 0,
        opportunitiesLost: 0,
      });
    }
    byLocation.set(id, points);
  }
  return byLocation;
}
