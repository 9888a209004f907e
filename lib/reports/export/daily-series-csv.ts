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
type AvailabilityRow = {
  location_id: string;
  contacts: boolean;
  opportunities: boolean;
  transactions: boolean;
};
/**
 * A stored rollup row as the statement encodes it: [days after `from`, currency, new contacts,
 * created, won, lost, won value, payments count, gross, refunded, net]; money as numeric text.
 */
type RollupTuple = [
  number,
  string,
  number,
  number,
  number,
  number,
  string,
  number,
  string,
  string,
  string,
];
/** One location's rollup rows in the period, as one JSON array of RollupTuple. */
type RollupsRow = { location_id: string; rows: string };
type Batch = { batch: BatchLocation[]; availability: AvailabilityRow[]; rollups: RollupsRow[] };

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
 * The batch's stored rollup rows in the period, one JSON array per location, in day and currency
 * order: the '' row of a day (counts, won value) and its currency rows with payments. Days
 * without facts have no row; the writer fills them in (dense), as getDailySeries does. One value
 * per location rather than twelve per row: the client's per-value cost dominated (~6× slower).
 */
function rollupsQuery(params: LocationsReportParams, ids: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT r.location_id,
      json_agg(json_build_array(r.day - ${params.from}::date, r.currency, r.new_contacts,
        r.opportunities_created, r.opportunities_won, r.opportunities_lost, r.won_value::text,
        r.payments_count, r.payments_gross::text, r.payments_refunded::text,
        (r.payments_gross - r.payments_refunded)::text) ORDER BY r.day, r.currency)::text AS rows
    FROM daily_rollups r
    WHERE r.location_id = ANY(${ids}::text[])
      AND r.day BETWEEN ${params.from}::date AND ${params.to}::date
      AND (r.currency = '' OR r.payments_count > 0)
    GROUP BY r.location_id`;
}

/**
 * Money cells through formatMoney (the currency's minor units, nothing rounded), remembered per
 * (currency, value): most cells of a long export are a few values ("0.0000" above all).
 */
function moneyCells(): (value: string, currency: string) => string {
  const byCurrency = new Map<string, Map<string, string>>();
  return (value, currency) => {
    let cache = byCurrency.get(currency);
    if (cache === undefined) byCurrency.set(currency, (cache = new Map()));
    let cell = cache.get(value);
    if (cell === undefined) {
      if (cache.size >= 20_000) cache.clear();
      cell = formatCsvCell(formatMoney(value, currency), 'numeric');
      cache.set(value, cell);
    }
    return cell;
  };
}

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
 * (name, id), each batch's rollups in one statement of at most ~20,000 rows, the next batch read
 * while the current one is written, so memory stays flat however many locations and days there are. Every day from..to is a row (dense: a day
 * without facts is zeros), one per currency paid in that day, else one with currency ''; the
 * day's counts repeat on each of its currency rows (the locations CSV's shape). An entity the
 * location cannot read is an empty cell, never 0 — the same rules and sums as getLocationsReport,
 * day by day. Ordered by location name, id, day, currency. Does not check who asks: pass params
 * already scoped to the user (authorizeReportRequest).
 */
export async function* dailySeriesCsvLines(
  db: Db,
  params: LocationsReportParams,
): AsyncGenerator<string> {
  const valid = parseDailySeriesCsvParams(params);
  yield formatCsvLine(DAILY_SERIES_CSV_HEADERS.map((header) => formatCsvCell(header)));
  const days = periodDays(valid);
  const start = Date.parse(`${valid.from}T00:00:00Z`);
  const dayCells = Array.from({ length: days }, (_, i) =>
    formatCsvCell(new Date(start + i * 864e5).toISOString().slice(0, 10)),
  );
  const money = moneyCells();
  const currencyCells = new Map<string, string>();
  const currencyCell = (code: string) => {
    let cell = currencyCells.get(code);
    if (cell === undefined) currencyCells.set(code, (cell = formatCsvCell(code)));
    return cell;
  };
  const perBatch = Math.max(1, Math.floor(BATCH_ROWS / days));
  /** One batch: its locations (keyset after `after`), their availability and their rollups. */
  const read = async (after: BatchLocation | null): Promise<Batch | null> => {
    const batch: BatchLocation[] = await db.$queryRaw<BatchLocation[]>(
      locationsQuery(valid, after, perBatch),
    );
    if (batch.length === 0) return null;
    const ids = batch.map((l) => l.id);
    const [availability, rollups] = await db.$transaction([
      db.$queryRaw<AvailabilityRow[]>(entityAvailabilitySql(ids)),
      db.$queryRaw<RollupsRow[]>(rollupsQuery(valid, ids)),
    ]);
    return { batch, availability, rollups };
  };
  let pending: Promise<Batch | null> | null = read(null);
  while (pending) {
    const current: Batch | null = await pending;
    if (!current) return;
    const batch: BatchLocation[] = current.batch;
    const { availability, rollups } = current;
    // The next batch is read while this one is written (at most two in memory). A reader that
    // stops early leaves it unawaited: its failure must not become an unhandled rejection.
    pending = batch.length < perBatch ? null : read(batch.at(-1) ?? null);
    pending?.catch(() => undefined);
    const availableBy = new Map(availability.map((a) => [a.location_id, a]));
    const rowsBy = new Map(rollups.map((r) => [r.location_id, r.rows]));

    let text = '';
    for (const location of batch) {
      const can = availableBy.get(location.id);
      const hasContacts = can?.contacts ?? false;
      const hasOpportunities = can?.opportunities ?? false;
      const hasTransactions = can?.transactions ?? false;
      const prefix = `${formatCsvCell(location.id)},${formatCsvCell(location.name)},${formatCsvCell(location.timezone)},`;
      const counts = (row: RollupTuple | undefined) =>
        `${hasContacts ? (row?.[2] ?? 0) : ''},` +
        (hasOpportunities
          ? `${row?.[3] ?? 0},${row?.[4] ?? 0},${row?.[5] ?? 0},${money(row?.[6] ?? '0', '')}`
          : ',,,');
      const noPayments = hasTransactions
        ? `,0,${money('0', '')},${money('0', '')},${money('0', '')}`
        : ',,,,';
      const json = rowsBy.get(location.id);
      const rows: RollupTuple[] = json ? (JSON.parse(json) as RollupTuple[]) : [];
      let next = 0;
      for (let day = 0; day < days; day++) {
        let countsRow: RollupTuple | undefined;
        if (rows[next]?.[0] === day && rows[next]![1] === '') countsRow = rows[next++];
        const dayPrefix = `${prefix}${dayCells[day]},`;
        const countCells = counts(countsRow);
        let isPaid = false;
        while (rows[next]?.[0] === day) {
          const [, c, , , , , , paid, gross, refunded, net] = rows[next++]!;
          if (!hasTransactions) continue;
          isPaid = true;
          text +=
            `${dayPrefix}${currencyCell(c)},${countCells},${formatCsvCell(paid, 'numeric')},` +
            `${money(gross, c)},${money(refunded, c)},${money(net, c)}\r\n`;
        }
        if (!isPaid) text += `${dayPrefix},${countCells}${noPayments}\r\n`;
        if (text.length >= YIELD_CHARS) {
          yield text;
          text = '';
        }
      }
    }
    if (text) yield text;
  }
}
