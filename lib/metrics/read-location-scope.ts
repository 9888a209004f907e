import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, effectiveTimeZone, localDay, localDayStart } from '@/lib/db/sql';
import { entityAvailabilitySql, type ReportEntity } from '@/lib/metrics/entity-availability-sql';
import { parseLocationsReportParams } from '@/lib/metrics/locations-report-params';

/** One location and a period of its local calendar days (the drill-down's breakdowns). */
export type LocationPeriodParams = { locationId: string; from: string; to: string };

/** What a drill-down breakdown needs before its own statement runs. */
export type LocationScope = {
  locationId: string;
  from: string;
  to: string;
  /** The zone the location's days are counted in (its own, or UTC when empty or unknown). */
  timeZone: string;
  /** Availability of each report entity, from the one SQL rule (entity-availability-sql.ts). */
  isAvailable: Record<ReportEntity, boolean>;
  /**
   * `column` (a timestamptz) falls on one of the period's local days: an index-friendly range a
   * day wider on each side (a DST gap at midnight cannot push a fact out), then the exact test.
   */
  inPeriod: (column: Prisma.Sql) => Prisma.Sql;
};

type SqlRow = Record<ReportEntity, boolean> & { timezone: string };

/**
 * Validates `{ locationId, from, to }` (ReportParamsError on bad dates, like every report), reads
 * the location's time zone and which entities are available, and returns the period filter in
 * that zone. Null when the location does not exist or is archived. Does not check who asks.
 *
 * @param db a Prisma client
 * @param params one location id and the period's first and last local day
 */
export async function readLocationScope(
  db: Db,
  params: LocationPeriodParams,
): Promise<LocationScope | null> {
  const { from, to } = parseLocationsReportParams({
    from: params.from,
    to: params.to,
    locationIds: [params.locationId],
  });
  const [row] = await db.$queryRaw<SqlRow[]>(Prisma.sql`
    WITH avail AS (${entityAvailabilitySql([params.locationId])})
    SELECT l.timezone,
      coalesce(a.contacts, false) AS contacts, coalesce(a.opportunities, false) AS opportunities,
      coalesce(a.transactions, false) AS transactions, coalesce(a.subscriptions, false) AS subscriptions
    FROM locations l LEFT JOIN avail a ON a.location_id = l.id
    WHERE l.id = ${params.locationId} AND ${activeLocation(Prisma.sql`l`)}`);
  if (!row) return null;
  const timeZone = effectiveTimeZone(row.timezone);
  const tz = Prisma.sql`${timeZone}::text`;
  const lo = localDayStart(Prisma.sql`${from}::date - 1`, tz);
  const hi = localDayStart(Prisma.sql`${to}::date + 2`, tz);
  return {
    locationId: params.locationId,
    from,
    to,
    timeZone,
    isAvailable: {
      contacts: row.contacts,
      opportunities: row.opportunities,
      transactions: row.transactions,
      subscriptions: row.subscriptions,
    },
    inPeriod: (column) =>
      Prisma.sql`(${column} >= ${lo} AND ${column} < ${hi}
        AND ${localDay(column, tz)} BETWEEN ${from}::date AND ${to}::date)`,
  };
}
