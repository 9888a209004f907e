/**
 * The one CSV writer (CLI export, download routes; email attachments once email exists): RFC 4180
 * with CRLF line endings and a header row, UTF-8, fields quoted only when they contain `,` `;` `"`
 * TAB, CR or LF (quotes doubled), dates as ISO 8601, null/undefined as an empty field.
 *
 * Formula-injection guard (OWASP), applied to TEXT cells: a spreadsheet may start a cell not only
 * at the field's start but after any character it splits on — `,`, `;` (the list separator in
 * many locales, where quotes do not protect a field), TAB, CR or LF. So wherever a cell could
 * begin — the start of the text and just after each of those — a following `=`, `+`, `-` or `@`
 * (after optional spaces; the full-width ＝ ＋ － ＠ too) gets a `'` right before it, and a text
 * starting with TAB or CR gets a leading `'`. `Acme;=1+2;x` becomes `Acme;'=1+2;x`, quoted. Numeric cells are exempt, or a
 * negative payments_net would turn into the text `'-12.50`: a cell is numeric when it is a finite
 * JS number, or when its column is declared `numeric` and the string is a plain decimal
 * (`-?digits[.digits]`, e.g. "-12.50") — such a cell cannot hold a formula. A string in a numeric
 * column that is not a plain decimal is treated as text and guarded like any other.
 */

export type CsvValue = string | number | Date | null | undefined;

export type CsvColumn<Row> = {
  header: string;
  /** 'numeric' writes plain decimals as they are (negatives included); default 'text'. */
  kind?: 'text' | 'numeric';
  value: (row: Row) => CsvValue;
};

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
/** A cell could begin here (text start or after a separator) with a formula character next. */
const FORMULA_AT_CELL_START = /(^|[,;\t\r\n])( *)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
const CONTROL_START = /^[\t\r]/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** The formula guard for a text cell (see the rule above). */
function guardFormulas(text: string): string {
  const guarded = text.replace(FORMULA_AT_CELL_START, "$1$2'");
  return CONTROL_START.test(guarded) ? `'${guarded}` : guarded;
}

/** Quotes a field when RFC 4180 requires it, doubling any quotes inside. */
function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** One cell's text: numeric cells verbatim, text cells with the formula guard, then quoting. */
export function formatCsvCell(value: CsvValue, kind: 'text' | 'numeric' = 'text'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (kind === 'numeric' && PLAIN_DECIMAL.test(value)) return value;
  return quote(guardFormulas(value));
}

/** One CSV record, CRLF-terminated. */
export function formatCsvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}

/**
 * The lines of a CSV document (header first), one string per record, each ending in CRLF.
 * Lazy: rows are formatted as they are pulled, so any size streams.
 */
export function* csvLines<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row>,
): Generator<string> {
  yield formatCsvLine(columns.map((column) => formatCsvCell(column.header)));
  for (const row of rows) {
    yield formatCsvLine(columns.map((column) => formatCsvCell(column.value(row), column.kind)));
  }
}

/** A whole CSV document as one string (small outputs, tests). */
export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: Iterable<Row>): string {
  let text = '';
  for (const line of csvLines(columns, rows)) text += line;
  return text;
}

/**
 * Headers for a CSV download: `text/csv; charset=utf-8` and an attachment disposition. The plain
 * `filename` is ASCII-only (quotes, backslashes, control and non-ASCII characters become `_`);
 * `filename*` carries the exact UTF-8 name for browsers that read it (RFC 6266).
 */
export function csvHeaders(filename: string): Record<string, string> {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
    'Cache-Control': 'no-store',
  };
}

/**
 * The UTF-8 byte-order mark. Excel on Windows reads a CSV without it in the local ANSI code page,
 * so "Zahnärzte" and "東京" come out garbled; with it, as UTF-8. Downloads carry it by default;
 * the CLI writes it only with `--bom` (its output is piped into other programs, and the committed
 * golden exports have none).
 */
export const UTF8_BOM = '\uFEFF';

/** Text gathered before each chunk is sent, so a million rows are not a million tiny writes. */
const RESPONSE_CHUNK = 64 * 1024;

/**
 * A streaming HTTP response for route handlers: the lines, UTF-8 encoded, as they are produced
 * (gathered into chunks of about 64 KB; only one chunk is held at a time, so memory stays flat
 * however long the CSV is). Starts with a UTF-8 BOM unless `bom: false` (see UTF8_BOM).
 */
export function csvResponse(
  lines: Iterable<string> | AsyncIterable<string>,
  filename: string,
  { bom = true }: { bom?: boolean } = {},
): Response {
  const encoder = new TextEncoder();
  const iterator =
    Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  let pending = bom ? UTF8_BOM : '';
  let isDone = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (!isDone && pending.length < RESPONSE_CHUNK) {
        const next = await iterator.next();
        if (next.done) isDone = true;
        else pending += next.value;
      }
      if (pending) controller.enqueue(encoder.encode(pending));
      pending = '';
      if (isDone) controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { headers: csvHeaders(filename) });
}
