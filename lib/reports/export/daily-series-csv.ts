import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import { entityAvailabilitySql } from '@/lib/metrics/entity-availability-sql';
import { formatMoney } from '@/lib/metrics/format-money';
import { MAX_SERIES_DAYS } from '@/lib/metrics/get-daily-series';
import {
  parseLocationsReportParams,
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';
import { formatCsvCell, formatCsvLine } from '@/lib/reports/csv';

/**
 * The daily-series export's columns, in order (docs/metrics.md, "The daily-series CSV"). The
 * first five are text cells (formula-guarded); the rest numeric.
 */
export const DAILY_SERIES_CSV_HEADERS = [
  'location_id',
  'location_name',
  'timezone',
  'day',
  'currency',
  'new_contacts',
  'opportunities_created',
  'opportunities_won',
  'opportunities_lost',
  'won_value',
  'payments_count',
  'payments_gross',
  'payments_refunded',
  'payments_net',
] as const;

/** Rows read per statement (and so held at once): a batch is as many locations as fit. */
const BATCH_ROWS = 20_000;
/** Text gathered before it is yielded: whole lines, about this many characters. */
const YIELD_CHARS = 64 * 1024;

type BatchLocation = { id: string; name: string; timezone: string };
type SqlRow = {
  ord: number;
  day: string;
  currency: string;
  new_contacts: number | null;
  created: number | null;
  won: number | null;
  lost: number | null;
  won_value: string | null;
  count: number | null;
  gross: string | null;
  refunded: string | null;
  net: string | null;
};

/** The next `limit` active, allowed locations after `after`, by name then id (keyset). */
function locationsQuery(
  params: LocationsReportParams,
  after: BatchLocation | null,
  limit: number,
): Prisma.Sql {
  return Prisma.sql`
    SELECT l.id, l.name, l.timezone FROM locations l
    WHERE ${activeLocation(Prisma.sql`l`)} AND ${locationIdFilter(Prisma.sql`l.id`, params.locationIds)}
      AND ${after ? Prisma.sql`(l.name, l.id) > (${after.name}, ${after.id})` : Prisma.sql`TRUE`}
    ORDER BY l.name, l.id
    LIMIT ${limit}`;
}

/**
 * Every local day from..to of each location of the batch (dense: a day without facts is a row of
 * zeros), one row per currency paid in that day, else one row with currency ''. Counts come from
 * the '' rollup row; an entity the location cannot read is NULL (an empty cell), never 0 — the
 * same rules and sums as getLocationsReport, day by day. Money leaves as numeric text.
 */
function rowsQuery(params: LocationsReportParams, ids: string[]): Prisma.Sql {
  return Prisma.sql`
    WITH loc AS (SELECT b.id, b.ord FROM unnest(${ids}::text[]) WITH ORDINALITY AS b(id, ord)),
    avail AS (${entityAvailabilitySql(ids)}),
    days AS (
      SELECT d::date AS day FROM generate_series(${params.from}::date, ${params.to}::date, interval '1 day') d
    ),
    r AS (
      SELECT * FROM daily_rollups
      WHERE location_id = ANY(${ids}::text[]) AND day BETWEEN ${params.from}::date AND ${params.to}::date
    )
    SELECT loc.ord::int AS ord, to_char(days.day, 'YYYY-MM-DD') AS day,
      coalesce(p.currency, '') AS currency,
      CASE WHEN av.contacts THEN coalesce(c.new_contacts, 0) END AS new_contacts,
      CASE WHEN av.opportunities THEN coalesce(c.opportunities_created, 0) END AS created,
      CASE WHEN av.opportunities THEN coalesce(c.opportunities_won, 0) END AS won,
      CASE WHEN av.opportunities THEN coalesce(c.opportunities_lost, 0) END AS lost,
      CASE WHEN av.opportunities THEN coalesce(c.won_value, 0)::text END AS won_value,
      CASE WHEN av.transactions THEN coalesce(p.payments_count, 0) END AS count,
      CASE WHEN av.transactions THEN coalesce(p.payments_gross, 0)::text END AS gross,
      CASE WHEN av.transactions THEN coalesce(p.payments_refunded, 0)::text END AS refunded,
      CASE WHEN av.transactions
        THEN (coalesce(p.payments_gross, 0) - coalesce(p.payments_refunded, 0))::text END AS net
    FROM loc CROSS JOIN days
    LEFT JOIN avail av ON av.location_id = loc.id
    LEFT JOIN r c ON c.location_id = loc.id AND c.day = days.day AND c.currency = ''
    LEFT JOIN r p ON p.location_id = loc.id AND p.day = days.day AND p.currency <> ''
      AND p.payments_count > 0 AND av.transactions
    ORDER BY loc.ord, days.day, currency`;
}

const count = (value: number | null) => formatCsvCell(value, 'numeric');
const money = (value: string | null, currency: string) =>
  value === null ? '' : formatCsvCell(formatMoney(value, currency), 'numeric');

/** Days from..to, both included. */
function periodDays(params: LocationsReportParams): number {
  return (
    (Date.parse(`${params.to}T00:00:00Z`) - Date.parse(`${params.from}T00:00:00Z`)) / 864e5 + 1
  );
}

/**
 * Validates the params like the daily series (getDailySeries): ReportParamsError for a bad period
 * or one longer than MAX_SERIES_DAYS. Call it before streaming, so a route answers 400, not a
 * broken download.
 */
export function parseDailySeriesCsvParams(params: LocationsReportParams): LocationsReportParams {
  const valid = parseLocationsReportParams(params);
  const days = periodDays(valid);
  if (days > MAX_SERIES_DAYS) {
    throw new ReportParamsError(
      `Invalid report parameters: to: a daily series covers at most ${MAX_SERIES_DAYS} days (got ${days})`,
    );
  }
  return valid;
}

/**
 * The daily series as CSV (location × local day × currency; header first, CRLF, through the one
 * CSV writer), yielded as chunks of whole lines. Locations are read in keyset batches by
 * (name, id) and each batch's rows in one statement of at most ~20,000 rows, so memory stays flat
 * however many locations and days there are. Ordered by location name, id, day, currency.
 * Does not check who asks: pass params already scoped to the user (authorizeReportRequest).
 */
export async function* dailySeriesCsvLines(
  db: Db,
  params: LocationsReportParams,
): AsyncGenerator<string> {
  const valid = parseDailySeriesCsvParams(params);
  yield formatCsvLine(DAILY_SERIES_CSV_HEADERS.map((header) => formatCsvCell(header)));
  const perBatch = Math.max(1, Math.floor(BATCH_ROWS / periodDays(valid)));
  let after: BatchLocation | null = null;
  for (;;) {
    const batch: BatchLocation[] = await db.$queryRaw<BatchLocation[]>(
      locationsQuery(valid, after, perBatch),
    );
    if (batch.length === 0) return;
    // The text cells of a location are the same on each of its rows: formatted once.
    const prefixes = batch.map(
      (l) => `${formatCsvCell(l.id)},${formatCsvCell(l.name)},${formatCsvCell(l.timezone)},`,
    );
    const rows = await db.$queryRaw<SqlRow[]>(
      rowsQuery(
        valid,
        batch.map((l) => l.id),
      ),
    );
    let text = '';
    for (const row of rows) {
      text +=
        `${prefixes[row.ord - 1]}${formatCsvCell(row.day)},${formatCsvCell(row.currency)},` +
        `${count(row.new_contacts)},${count(row.created)},${count(row.won)},${count(row.lost)},` +
        `${money(row.won_value, '')},${count(row.count)},${money(row.gross, row.currency)},` +
        `${money(row.refunded, row.currency)},${money(row.net, row.currency)}\r\n`;
      if (text.length >= YIELD_CHARS) {
        yield text;
        text = '';
      }
    }
    if (text) yield text;
    if (batch.length < perBatch) return;
    after = batch.at(-1) ?? null;
  }
}
