import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { effectiveTimeZone, localDay, localDayStart } from '@/lib/db/sql';
import { COUNTED_PAYMENT_STATUSES } from '@/lib/metrics/definitions/counted-payments';

/** A client or an open interactive transaction (then the caller's transaction is used). */
export type RollupDb = Db | Prisma.TransactionClient;

/** Instants whose local day may have changed, or 'all' for every day of the location. */
export type TouchedInstants = readonly Date[] | 'all';

/** How long a recompute waits for a pooled connection to start its transaction. */
const ROLLUP_TX_MAX_WAIT_MS = 60_000;

/** Keeps two recomputes of one location from interleaving their delete and insert. */
const LOCK_NAMESPACE = 1_915_220_001;

type Scope = {
  /** Index-friendly pre-filter on a fact's timestamp column. */
  factInRange: (column: Prisma.Sql) => Prisma.Sql;
  /** Exact filter on a local day. */
  dayIsTouched: (day: Prisma.Sql) => Prisma.Sql;
};

/** Days as 'YYYY-MM-DD', sorted and distinct. */
function touchedScope(days: string[], tz: Prisma.Sql): Scope {
  // A day wider on each side, so a DST gap at midnight can never push a fact out of the range.
  const lo = localDayStart(Prisma.sql`${days[0]}::date - 1`, tz);
  const hi = localDayStart(Prisma.sql`${days[days.length - 1]}::date + 2`, tz);
  return {
    factInRange: (column) => Prisma.sql`${column} >= ${lo} AND ${column} < ${hi}`,
    dayIsTouched: (day) => Prisma.sql`${day} = ANY(${days}::date[])`,
  };
}

const allScope: Scope = {
  factInRange: () => Prisma.sql`TRUE`,
  dayIsTouched: () => Prisma.sql`TRUE`,
};

/**
 * The distinct local days of some instants in a time zone, computed by PostgreSQL (the same
 * `localDay` the facts are bucketed with). The instants travel as one string of epoch
 * milliseconds: thousands of them cost a few milliseconds this way, twice that as a text[].
 */
async function localDaysOf(db: RollupDb, epochMs: number[], tz: Prisma.Sql): Promise<string[]> {
  const instant = Prisma.sql`timestamptz 'epoch' + x::bigint * interval '1 millisecond'`;
  const rows = await db.$queryRaw<{ day: string }[]>`
    SELECT DISTINCT ${localDay(instant, tz)}::text AS day
    FROM unnest(string_to_array(${epochMs.join(',')}, ',')) AS x
    ORDER BY day`;
  return rows.map((row) => row.day);
}

function deleteStatement(locationId: string, scope: Scope): Prisma.Sql {
  return Prisma.sql`
    DELETE FROM daily_rollups r
    WHERE r.location_id = ${locationId} AND ${scope.dayIsTouched(Prisma.sql`r.day`)}`;
}

/**
 * One row per (local day, currency) from the facts: '' rows carry contacts and opportunities,
 * one row per payment currency carries payments. Days without facts get no row.
 */
function insertStatement(locationId: string, tz: Prisma.Sql, scope: Scope): Prisma.Sql {
  const day = (column: Prisma.Sql) => localDay(column, tz);
  const facts = Prisma.sql`facts AS (
      SELECT ${day(Prisma.sql`c.date_added`)} AS day, ''::text AS currency,
             1 AS new_contacts, 0 AS created, 0 AS won, 0 AS lost, 0::numeric AS won_value,
             0 AS payments, 0::numeric AS gross, 0::numeric AS refunded
      FROM contacts c
      WHERE c.location_id = ${locationId} AND ${scope.factInRange(Prisma.sql`c.date_added`)}
      UNION ALL
      SELECT ${day(Prisma.sql`o.created_at`)}, '', 0, 1, 0, 0, 0, 0, 0, 0
      FROM opportunities o
      WHERE o.location_id = ${locationId} AND ${scope.factInRange(Prisma.sql`o.created_at`)}
      UNION ALL
      SELECT ${day(Prisma.sql`o.last_status_change_at`)}, '',
             0, 0, (o.status = 'won')::int, (o.status = 'lost')::int,
             CASE WHEN o.status = 'won' THEN coalesce(o.monetary_value, 0) ELSE 0 END, 0, 0, 0
      FROM opportunities o
      WHERE o.location_id = ${locationId} AND o.status IN ('won', 'lost')
        AND o.last_status_change_at IS NOT NULL
        AND ${scope.factInRange(Prisma.sql`o.last_status_change_at`)}
      UNION ALL
      -- A blank currency would collide with the '' row: ISO 4217 "XXX" (no currency) holds it.
      SELECT ${day(Prisma.sql`t.created_at`)},
             coalesce(nullif(upper(btrim(t.currency)), ''), 'XXX'),
             0, 0, 0, 0, 0, 1, t.amount, t.amount_refunded
      FROM transactions t
      WHERE t.location_id = ${locationId} AND t.live_mode
        AND t.status = ANY(${[...COUNTED_PAYMENT_STATUSES]}::text[])
        AND ${scope.factInRange(Prisma.sql`t.created_at`)}
    )`;
  return Prisma.sql`
    WITH ${facts}
    INSERT INTO daily_rollups (location_id, day, currency, new_contacts, opportunities_created,
      opportunities_won, opportunities_lost, won_value, payments_count, payments_gross,
      payments_refunded)
    SELECT ${locationId}, f.day, f.currency, sum(f.new_contacts), sum(f.created), sum(f.won),
           sum(f.lost), sum(f.won_value), sum(f.payments), sum(f.gross), sum(f.refunded)
    FROM facts f
    WHERE ${scope.dayIsTouched(Prisma.sql`f.day`)}
    GROUP BY f.day, f.currency`;
}

function isClient(db: RollupDb): db is Db {
  return '$transaction' in db;
}

/**
 * Recomputes a location's `daily_rollups` rows for the local days (in the location's own time
 * zone) of the given instants, from the facts, in one transaction: those days' rows are deleted
 * and the aggregates inserted. `'all'` rebuilds every day of the location. Called by the sync
 * after each entity with the old and new timestamps of every record it changed; calling it again
 * with the same input is harmless. A location that does not exist is a no-op. Its deletes and
 * inserts also move monthly_rollups and agency_daily_rollups, through the triggers on
 * daily_rollups, in this same transaction (docs/metrics.md, "Stored for speed").
 *
 * @param db a Prisma client, or an interactive transaction client to join the caller's transaction
 * @param locationId the location whose rollups to recompute
 * @param touched instants whose local day may have changed, or 'all'
 */
export async function recomputeDailyRollups(
  db: RollupDb,
  locationId: string,
  touched: TouchedInstants,
): Promise<void> {
  const isAll = touched === 'all';
  const instants = isAll
    ? []
    : [...new Set(touched.map((d) => d.getTime()).filter((ms) => Number.isFinite(ms)))];
  if (!isAll && instants.length === 0) return;

  const [location] = await db.$queryRaw<{ timezone: string }[]>`
    SELECT timezone FROM locations WHERE id = ${locationId}`;
  if (!location) return;
  const tz = Prisma.sql`${effectiveTimeZone(location.timezone)}::text`;
  const days = isAll ? [] : await localDaysOf(db, instants, tz);
  if (!isAll && days.length === 0) return;
  const scope = isAll ? allScope : touchedScope(days, tz);

  const statements = [
    Prisma.sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}::int, hashtext(${locationId}))`,
    deleteStatement(locationId, scope),
    insertStatement(locationId, tz, scope),
  ];
  if (isClient(db)) {
    // Prisma gives up on a transaction that waited 2 s for a pooled connection; with many
    // locations (and webhook jobs) recomputing at once on a busy machine that happens, and the
    // recompute is worth waiting for rather than failing a whole location sync.
    await db.$transaction(
      statements.map((statement) => db.$executeRaw(statement)),
      { maxWait: ROLLUP_TX_MAX_WAIT_MS },
    );
    return;
  }
  // Already inside the caller's transaction: run the same statements, in order, on it.
  for (const statement of statements) await db.$executeRaw(statement);
}
