import 'server-only';
import pg from 'pg';
import { formatMoney } from '@/lib/metrics/format-money';
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

/**
 * The longest period exported, in days: getDailySeries' MAX_SERIES_DAYS (lib/metrics), repeated
 * here because that module loads the Prisma client and this one must not
 * (tests/exports/export-batches.test.ts checks the two agree).
 */
export const DAILY_SERIES_MAX_DAYS = 3_700;

/**
 * Rows' worth of locations fetched from the cursor at once (and so held at once, twice while the
 * next batch arrives). 5,000 rather than 20,000: on the 1,000,000-row bench peak RSS fell by about
 * 10 MB at the same speed (round trips overlap with writing).
 */
const BATCH_ROWS = 5_000;
/** Text gathered before it is yielded: whole lines, about this many characters. */
const YIELD_CHARS = 64 * 1024;
/** The cursor's name inside the export's own transaction. */
const CURSOR = 'daily_series_csv';

/**
 * A location row as the cursor returns it (rowMode 'array'): id, name, time zone, whether its
 * contacts / opportunities / transactions are available, and its stored rollup rows in the period
 * as one JSON array of RollupTuple (null when it has none).
 */
type LocationRow = [string, string, string, boolean, boolean, boolean, string | null];
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

/**
 * One row per active, allowed location, by name then id: its availability (the rule of
 * entityAvailabilitySql in lib/metrics, written out here in plain SQL so this module needs no
 * Prisma client: an entity is available when its access is `ok` and it has synced at least once)
 * and its stored rollup rows in the period as one JSON array, in day and currency order: the ''
 * row of a day (counts, won value) and its currency rows with payments. Days without facts have
 * no row; the writer fills them in (dense), as getDailySeries does. One value per location rather
 * than twelve per row: the driver's per-value cost dominated. $1 from, $2 to, $3 location ids
 * (null: every location).
 */
const LOCATIONS_SQL = `
  SELECT l.id, l.name, l.timezone,
    coalesce(a.contacts, false), coalesce(a.opportunities, false), coalesce(a.transactions, false),
    (SELECT json_agg(json_build_array(r.day - $1::date, r.currency, r.new_contacts,
          r.opportunities_created, r.opportunities_won, r.opportunities_lost, r.won_value::text,
          r.payments_count, r.payments_gross::text, r.payments_refunded::text,
          (r.payments_gross - r.payments_refunded)::text) ORDER BY r.day, r.currency)::text
      FROM daily_rollups r
      WHERE r.location_id = l.id AND r.day BETWEEN $1::date AND $2::date
        AND (r.currency = '' OR r.payments_count > 0))
  FROM locations l
  LEFT JOIN (
    SELECT a.location_id,
      bool_or(a.entity = 'contacts') AS contacts,
      bool_or(a.entity = 'opportunities') AS opportunities,
      bool_or(a.entity = 'transactions') AS transactions
    FROM location_access a
    JOIN sync_checkpoints s ON s.location_id = a.location_id AND s.entity = a.entity
    WHERE a.status = 'ok' AND s.last_success_at IS NOT NULL
      AND ($3::text[] IS NULL OR a.location_id = ANY($3::text[]))
    GROUP BY a.location_id
  ) a ON a.location_id = l.id
  WHERE l.archived_at IS NULL AND ($3::text[] IS NULL OR l.id = ANY($3::text[]))
  ORDER BY l.name, l.id`;

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
 * or one longer than DAILY_SERIES_MAX_DAYS. Call it before streaming, so a route answers 400, not a
 * broken download.
 */
export function parseDailySeriesCsvParams(params: LocationsReportParams): LocationsReportParams {
  const valid = parseLocationsReportParams(params);
  const days = periodDays(valid);
  if (days > DAILY_SERIES_MAX_DAYS) {
    throw new ReportParamsError(
      `Invalid report parameters: to: a daily series covers at most ${DAILY_SERIES_MAX_DAYS} days (got ${days})`,
    );
  }
  return valid;
}

/**
 * Opens the export's own connection (plain `pg`, no Prisma client: a download holds one
 * connection for its whole length, outside the app's pool) and its snapshot: a READ ONLY
 * REPEATABLE READ transaction, so every batch sees the same data, with JIT off (the statement is
 * short per row and JIT compilation would cost more than it saves).
 */
async function openExport(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'agency-pulse daily-series export',
  });
  // A dropped connection would otherwise surface as an unhandled 'error' event; the pending
  // query rejects and ends the export.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query('SET LOCAL jit = off');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * The daily series as CSV (location × local day × currency; header first, CRLF, through the one
 * CSV writer's cell rules), yielded as chunks of whole lines. Reads with a server-side cursor
 * (`DECLARE … CURSOR`, then `FETCH n` of as many locations as fit in ~5,000 rows) on its own
 * plain `pg` connection in one READ ONLY REPEATABLE READ transaction, the next batch fetched while
 * the current one is written, so memory stays flat however many locations and days there are.
 * Every day from..to is a row (dense: a day without facts is zeros), one per currency paid in
 * that day, else one with currency ''; the day's counts repeat on each of its currency rows (the
 * locations CSV's shape). An entity the location cannot read is an empty cell, never 0 — the
 * same rules and sums as getLocationsReport, day by day. Ordered by location name, id, day,
 * currency. Does not check who asks: pass params already scoped to the user
 * (authorizeReportRequest). Stopping early (`return()`) closes the cursor and the connection.
 */
export async function* dailySeriesCsvLines(
  databaseUrl: string,
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
  const client = await openExport(databaseUrl);
  let isCommitted = false;
  try {
    await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${LOCATIONS_SQL}`, [
      valid.from,
      valid.to,
      valid.locationIds ? [...valid.locationIds] : null,
    ]);
    const fetch = () =>
      client.query<LocationRow>({ text: `FETCH ${perBatch} FROM ${CURSOR}`, rowMode: 'array' });
    let pending: Promise<pg.QueryResult<LocationRow>> | null = fetch();
    while (pending) {
      const batch: LocationRow[] = (await pending).rows;
      if (batch.length === 0) break;
      // The next batch is fetched while this one is written (at most two in memory). A reader
      // that stops early leaves it unawaited: its failure must not become an unhandled rejection.
      pending = batch.length < perBatch ? null : fetch();
      pending?.catch(() => undefined);

      let text = '';
      for (const [
        id,
        name,
        timezone,
        hasContacts,
        hasOpportunities,
        hasTransactions,
        json,
      ] of batch) {
        const prefix = `${formatCsvCell(id)},${formatCsvCell(name)},${formatCsvCell(timezone)},`;
        const counts = (row: RollupTuple | undefined) =>
          `${hasContacts ? (row?.[2] ?? 0) : ''},` +
          (hasOpportunities
            ? `${row?.[3] ?? 0},${row?.[4] ?? 0},${row?.[5] ?? 0},${money(row?.[6] ?? '0', '')}`
            : ',,,');
        const noPayments = hasTransactions
          ? `,0,${money('0', '')},${money('0', '')},${money('0', '')}`
          : ',,,,';
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
    await pending;
    await client.query('COMMIT');
    isCommitted = true;
  } finally {
    // Early stop or failure: ending the connection rolls the transaction back and frees the cursor.
    if (!isCommitted) await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
