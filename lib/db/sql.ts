import 'server-only';
import { Prisma } from '@/lib/db/generated/client';

/**
 * Shared raw-SQL fragments. Everything here is a `Prisma.sql` tagged template: values travel as
 * bind parameters, and the only raw text is the column references the callers write themselves
 * (`Prisma.sql\`c.date_added\``). Never build SQL from strings; never `$queryRawUnsafe`.
 */

/**
 * The local calendar day of a timestamptz expression in an IANA time zone:
 * `(col AT TIME ZONE tz)::date`. `AT TIME ZONE` applies the zone's offset at that very instant,
 * so DST changes and half-hour zones (Asia/Kolkata, America/St_Johns) come out right.
 */
export function localDay(column: Prisma.Sql, timeZone: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${column}) AT TIME ZONE ${timeZone})::date`;
}

/**
 * The instant a local calendar day starts in a time zone: `(day::timestamp AT TIME ZONE tz)`.
 * On the rare day whose midnight falls in a DST gap PostgreSQL picks a nearby instant, so use
 * this for index-friendly range pre-filters (widened by a day) and `localDay` for the exact test.
 */
export function localDayStart(day: Prisma.Sql, timeZone: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${day})::timestamp AT TIME ZONE ${timeZone})`;
}

/**
 * `column = ANY($ids)` when a list of location ids is given (staff limited to some locations),
 * `TRUE` when it is undefined (every location). An empty list matches nothing.
 */
export function locationIdFilter(column: Prisma.Sql, locationIds?: readonly string[]): Prisma.Sql {
  if (locationIds === undefined) return Prisma.sql`TRUE`;
  return Prisma.sql`${column} = ANY(${[...locationIds]}::text[])`;
}

/** Locations still in the agency (archived ones keep their history but leave reports). */
export function activeLocation(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${alias}.archived_at IS NULL`;
}

const zoneCache = new Map<string, boolean>();

/**
 * The time zone to bucket a location's days in: its stored IANA zone, or 'UTC' when the stored
 * value is empty or unknown (one bad location must not make every query fail with PostgreSQL's
 * "time zone not recognized"). Checked with Intl, which knows the same IANA names and aliases.
 */
export function effectiveTimeZone(timeZone: string): string {
  let isValid = zoneCache.get(timeZone);
  if (isValid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      isValid = timeZone.trim() !== '';
    } catch {
      isValid = false;
    }
    zoneCache.set(timeZone, isValid);
  }
  return isValid ? timeZone : 'UTC';
}
