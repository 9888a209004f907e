import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { LOCATIONS_REPORT_COLUMNS, type ColumnKey } from '@/lib/metrics/locations-report-columns';

export type SortDirection = 'asc' | 'desc';
export type SortState = { column: ColumnKey; direction: SortDirection };

export const DEFAULT_SORT: SortState = { column: 'locationName', direction: 'asc' };

const KIND = new Map<ColumnKey, string>(
  LOCATIONS_REPORT_COLUMNS.map((column) => [column.key, column.kind]),
);

function sortValue(row: LocationsReportRow, column: ColumnKey): string | number | null {
  const value = row[column];
  if (value === null || value === '') return null;
  const kind = KIND.get(column);
  // Ordering only: the float never reaches the screen (values are shown from their strings).
  if (kind === 'money' || kind === 'rate') return Number(value);
  return value;
}

/** Money columns in the row's payment currency: sorted within one currency, never across. */
const PER_CURRENCY = new Set<ColumnKey>(
  LOCATIONS_REPORT_COLUMNS.filter(
    (column) => 'currency' in column && column.currency === 'row',
  ).map((column) => column.key),
);

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Rows ordered by one column. Empty values (unavailable metrics, no currency, never synced) go
 * last in both directions; ties keep the report's order (location name, id, currency). A money
 * column in the row's currency is grouped by currency (codes A–Z in both directions) and sorted
 * within each group: ¥1,453,184 never ranks above $66,000.
 */
export function sortRows(
  rows: readonly LocationsReportRow[],
  sort: SortState,
): LocationsReportRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, sort.column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      const byCurrency = PER_CURRENCY.has(sort.column)
        ? collator.compare(a.row.currency, b.row.currency)
        : 0;
      return byCurrency || sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** The next sort after a header click: a new column starts descending for numbers, ascending for text. */
export function nextSort(current: SortState, column: ColumnKey): SortState {
  if (current.column === column)
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: KIND.get(column) === 'text' ? 'asc' : 'desc' };
}

/** Rows whose location name contains the filter text (case- and accent-insensitive). */
export function filterRows(
  rows: readonly LocationsReportRow[],
  text: string,
): LocationsReportRow[] {
  const needle = normalize(text.trim());
  if (!needle) return [...rows];
  return rows.filter((row) => normalize(row.locationName).includes(needle));
}

function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
