import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import type { LocationGroup } from '@/lib/metrics/group-report-rows';
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

/** Money columns and the currency each amount is in: the row's payments, or the location's own. */
const MONEY_CURRENCY = new Map<ColumnKey, 'row' | 'location'>(
  LOCATIONS_REPORT_COLUMNS.flatMap((column) =>
    'currency' in column ? [[column.key, column.currency] as const] : [],
  ),
);

/** The currency an amount of `column` is in on `row`; '' when unknown (sorted after the codes). */
function amountCurrency(row: LocationsReportRow, column: ColumnKey): string | null {
  const of = MONEY_CURRENCY.get(column);
  if (of === 'row') return row.currency;
  if (of === 'location') return row.locationCurrency ?? '';
  return null;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

function compareCurrencies(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? 1 : -1;
  return collator.compare(a, b);
}

/**
 * Items ordered by one column of the row each is ranked by. Empty values (unavailable metrics,
 * no currency, never synced) go last in both directions; ties keep the given order. A money
 * column is grouped by the currency its amounts are in (codes A–Z in both directions, unknown
 * last) and sorted within each group: ¥1,453,184 never ranks above $66,000.
 */
function sortBy<T>(
  items: readonly T[],
  rowOf: (item: T) => LocationsReportRow,
  sort: SortState,
): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return items
    .map((item, index) => {
      const row = rowOf(item);
      return {
        item,
        index,
        value: sortValue(row, sort.column),
        currency: amountCurrency(row, sort.column),
      };
    })
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      const byCurrency =
        a.currency !== null && b.currency !== null ? compareCurrencies(a.currency, b.currency) : 0;
      return byCurrency || sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map(({ item }) => item);
}

/**
 * Rows ordered by one column; ties keep the report's order (location name, id, currency).
 * Money is sorted within one currency, never across (`sortBy`).
 */
export function sortRows(
  rows: readonly LocationsReportRow[],
  sort: SortState,
): LocationsReportRow[] {
  return sortBy(rows, (row) => row, sort);
}

/**
 * Locations (one group each: the table shows a location once) ordered by their main row, money
 * within one currency as `sortRows` does; each location's nested currency rows stay under it.
 */
export function sortGroups(groups: readonly LocationGroup[], sort: SortState): LocationGroup[] {
  return sortBy(groups, (group) => group.main, sort);
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
