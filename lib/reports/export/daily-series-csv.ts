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
 * A location as LOCATIONS_SQL returns it (rowMode 'array'): id, name, time zone, and whether its
 * contacts / opportunities / transactions are available.
 */
type LocationRow = [string, string, string, boolean, boolean, boolean];
/**
 * A cursor row of ROLLUPS_SQL (rowMode 'array'): the location's place in the LocationRow list
 * (1-based) and its stored rollup rows in the period as two texts, null when there are none.
 * Counts: the '' rows, `day,new_contacts,created,won,lost,won_value` joined by `;`. Payments: the
 * currency rows with payments, `day,count,gross,refunded,net,currency` joined by `;`, the
 * currency last and escaped (`\` → `\\`, `;` → `\:`), so it may hold any character. `day` is
 * days after `from`; money is numeric text. Both in day (and currency) order.
 */
type RollupsRow = [number, string | null, string | null];

/**
 * The active, allowed locations, by name then id, with their availability (the rule of
 * entityAvailabilitySql in lib/metrics, written out here in plain SQL so this module needs no
 * Prisma client: an entity is available when its access is `ok` and it has synced at least once).
 * $1 location ids (null: every location). A few hundred bytes per location, held for the export.
 */
const LOCATIONS_SQL = `
  SELECT l.id, l.name, l.timezone,
    coalesce(a.contacts, false), coalesce(a.opportunities, false), coalesce(a.transactions, false)
  FROM locations l
  LEFT JOIN (
    SELECT a.location_id,
      bool_or(a.entity = 'contacts') AS contacts,
      bool_or(a.entity = 'opportunities') AS opportunities,
      bool_or(a.entity = 'transactions') AS transactions
    FROM location_access a
    JOIN sync_checkpoints s ON s.location_id = a.location_id AND s.entity = a.entity
    WHERE a.status = 'ok' AND s.last_success_at IS NOT NULL
      AND ($1::text[] IS NULL OR a.location_id = ANY($1::text[]))
    GROUP BY a.location_id
  ) a ON a.location_id = l.id
  WHERE l.archived_at IS NULL AND ($1::text[] IS NULL OR l.id = ANY($1::text[]))
  ORDER BY l.name, l.id`;

/**
 * The stored rollup rows of the listed locations ($3, in export order) in the period ($1..$2),
 * one row per location that has any (RollupsRow), in list order: the '' row of a day (counts,
 * won value) and its currency rows with payments; days without facts have no row (the writer
 * fills them in, dense, as getDailySeries does). Planned as a walk over the list: each location's
 * rows by the primary key, sorted per location (an incremental sort, so a location's row is sent
 * as soon as its own rows are read) and folded in that order into plain text, a few cheap values
 * per rollup row. It replaced a JSON array of eleven values per rollup row, whose building was
 * most of the statement's time. The writer checks the order: a row left unused fails the export.
 */
const ROLLUPS_SQL = `
  SELECT s.place::int,
    string_agg(concat_ws(',', s.day, s.new_contacts, s.opportunities_created, s.opportunities_won,
        s.opportunities_lost, s.won_value), ';') FILTER (WHERE s.currency = ''),
    string_agg(concat_ws(',', s.day, s.payments_count, s.payments_gross, s.payments_refunded,
        s.payments_gross - s.payments_refunded,
        replace(replace(s.currency, '\\', '\\\\'), ';', '\\:')), ';') FILTER (WHERE s.currency <> '')
  FROM (
    SELECT loc.place, r.day - $1::date AS day, r.currency, r.new_contacts,
      r.opportunities_created, r.opportunities_won, r.opportunities_lost, r.won_value,
      r.payments_count, r.payments_gross, r.payments_refunded
    FROM unnest($3::text[]) WITH ORDINALITY AS loc (id, place)
    JOIN daily_rollups r ON r.location_id = loc.id
    WHERE r.day BETWEEN $1::date AND $2::date AND (r.currency = '' OR r.payments_count > 0)
    ORDER BY loc.place, r.day, r.currency
  ) s
  GROUP BY s.place
  ORDER BY s.place`;

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

/** A currency as the payments text carries it (escaped), its CSV cell and its code. */
type Currency = { cell: string; code: string };

/** The writer's per-export state: cells remembered across locations. */
type Cells = {
  days: number;
  dayCells: readonly string[];
  money: (value: string, currency: string) => string;
  currency: (escaped: string) => Currency;
};

/**
 * The CSV lines of one location over the whole period, dense (see dailySeriesCsvLines), from its
 * RollupsRow texts. Throws when a stored row is left unused — the texts were not in day order.
 */
function locationLines(
  [id, name, timezone, hasContacts, hasOpportunities, hasTransactions]: LocationRow,
  countsText: string | null,
  paymentsText: string | null,
  { days, dayCells, money, currency }: Cells,
): string {
  const prefix = `${formatCsvCell(id)},${formatCsvCell(name)},${formatCsvCell(timezone)},`;
  const zeroMoney = money('0', '');
  const noCounts = `${hasContacts ? '0' : ''},` + (hasOpportunities ? `0,0,0,${zeroMoney}` : ',,,');
  const noPayments = hasTransactions ? `,0,${zeroMoney},${zeroMoney},${zeroMoney}` : ',,,,';
  const counts = countsText === null ? [] : countsText.split(';');
  const payments = paymentsText === null ? [] : paymentsText.split(';');
  let nextCount = 0;
  let nextPayment = 0;
  let countDay = counts.length > 0 ? parseInt(counts[0]!, 10) : -1;
  let paymentDay = payments.length > 0 ? parseInt(payments[0]!, 10) : -1;
  let text = '';
  for (let day = 0; day < days; day++) {
    let countCells = noCounts;
    if (countDay === day) {
      // day,new_contacts,created,won,lost,won_value
      const row = counts[nextCount]!;
      const first = row.indexOf(',');
      const second = row.indexOf(',', first + 1);
      const last = row.lastIndexOf(',');
      countCells =
        `${hasContacts ? row.slice(first + 1, second) : ''},` +
        (hasOpportunities
          ? `${row.slice(second + 1, last + 1)}${money(row.slice(last + 1), '')}`
          : ',,,');
      nextCount++;
      countDay = nextCount < counts.length ? parseInt(counts[nextCount]!, 10) : -1;
    }
    const dayPrefix = `${prefix}${dayCells[day]},`;
    let isPaid = false;
    while (paymentDay === day) {
      // day,count,gross,refunded,net,currency
      const row = payments[nextPayment]!;
      nextPayment++;
      paymentDay = nextPayment < payments.length ? parseInt(payments[nextPayment]!, 10) : -1;
      if (!hasTransactions) continue;
      isPaid = true;
      const c1 = row.indexOf(',');
      const c2 = row.indexOf(',', c1 + 1);
      const c3 = row.indexOf(',', c2 + 1);
      const c4 = row.indexOf(',', c3 + 1);
      const c5 = row.indexOf(',', c4 + 1);
      const { cell, code } = currency(row.slice(c5 + 1));
      text +=
        `${dayPrefix}${cell},${countCells},${formatCsvCell(row.slice(c1 + 1, c2), 'numeric')},` +
        `${money(row.slice(c2 + 1, c3), code)},${money(row.slice(c3 + 1, c4), code)},` +
        `${money(row.slice(c4 + 1, c5), code)}\r\n`;
    }
    if (!isPaid) text += `${dayPrefix},${countCells}${noPayments}\r\n`;
  }
  if (nextCount !== counts.length || nextPayment !== payments.length) {
    throw new Error(`daily-series export: the rollups of ${id} did not arrive in day order`);
  }
  return text;
}

/**
 * The daily series as CSV (location × local day × currency; header first, CRLF, through the one
 * CSV writer's cell rules), yielded as chunks of whole lines. On its own plain `pg` connection in
 * one READ ONLY REPEATABLE READ transaction: first the locations in export order (LOCATIONS_SQL,
 * a few hundred bytes each), then their rollups from a server-side cursor (`DECLARE … CURSOR`
 * over ROLLUPS_SQL, then `FETCH n` of as many locations as fit in ~5,000 rows), the next batch
 * fetched while the current one is written, so memory stays flat however many days there are.
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
  const byEscaped = new Map<string, Currency>();
  const cells: Cells = {
    days,
    dayCells: Array.from({ length: days }, (_, i) =>
      formatCsvCell(new Date(start + i * 864e5).toISOString().slice(0, 10)),
    ),
    money: moneyCells(),
    currency: (escaped) => {
      let found = byEscaped.get(escaped);
      if (found === undefined) {
        const code = escaped.replace(/\\(.)/gs, (_, c: string) => (c === ':' ? ';' : c));
        byEscaped.set(escaped, (found = { cell: formatCsvCell(code), code }));
      }
      return found;
    },
  };
  const perBatch = Math.max(1, Math.floor(BATCH_ROWS / days));
  const client = await openExport(databaseUrl);
  let isCommitted = false;
  try {
    const locations = (
      await client.query<LocationRow>({
        text: LOCATIONS_SQL,
        values: [valid.locationIds ? [...valid.locationIds] : null],
        rowMode: 'array',
      })
    ).rows;
    let written = 0;
    if (locations.length > 0) {
      await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${ROLLUPS_SQL}`, [
        valid.from,
        valid.to,
        locations.map(([id]) => id),
      ]);
      const fetch = () =>
        client.query<RollupsRow>({ text: `FETCH ${perBatch} FROM ${CURSOR}`, rowMode: 'array' });
      let pending: Promise<pg.QueryResult<RollupsRow>> | null = fetch();
      while (pending) {
        const batch: RollupsRow[] = (await pending).rows;
        if (batch.length === 0) break;
        // The next batch is fetched while this one is written (at most two in memory). A reader
        // that stops early leaves it unawaited: its failure must not become an unhandled rejection.
        pending = batch.length < perBatch ? null : fetch();
        pending?.catch(() => undefined);

        let text = '';
        for (const [place, countsText, paymentsText] of batch) {
          // Locations before this one have no rollups in the period: all zeros (or empty).
          while (written < place - 1) {
            text += locationLines(locations[written++]!, null, null, cells);
            if (text.length >= YIELD_CHARS) {
              yield text;
              text = '';
            }
          }
          if (place !== written + 1) {
            throw new Error('daily-series export: the rollups did not arrive in location order');
          }
          text += locationLines(locations[written++]!, countsText, paymentsText, cells);
          if (text.length >= YIELD_CHARS) {
            yield text;
            text = '';
          }
        }
        if (text) yield text;
      }
      await pending;
    }
    for (let text = ''; written < locations.length;) {
      text += locationLines(locations[written++]!, null, null, cells);
      if (text.length >= YIELD_CHARS || written === locations.length) {
        yield text;
        text = '';
      }
    }
    await client.query('COMMIT');
    isCommitted = true;
  } finally {
    // Early stop or failure: ending the connection rolls the transaction back and frees the cursor.
    if (!isCommitted) await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
