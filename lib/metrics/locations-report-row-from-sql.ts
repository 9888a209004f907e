import type { ReportEntity } from '@/lib/metrics/entity-availability-sql';
import { formatMoney } from '@/lib/metrics/format-money';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import {
  LOCATIONS_REPORT_COLUMNS,
  type ColumnKey,
  type LocationsReportColumn,
} from '@/lib/metrics/locations-report-columns';

/**
 * A row as a locations report statement returns it: availability flags and the location's own
 * currency, then one column per registry header (null = unavailable).
 */
export type LocationsReportSqlRow = {
  currency: string;
  location_currency: string | null;
  contacts_ok: boolean;
  opportunities_ok: boolean;
  transactions_ok: boolean;
  subscriptions_ok: boolean;
} & Record<string, unknown>;

/** One SQL value as the registry's kind says (null stays null: unavailable). */
function readValue(
  column: LocationsReportColumn,
  row: LocationsReportSqlRow,
): string | number | null {
  if (!(column.header in row))
    throw new Error(`locations report: the statement has no "${column.header}" column`);
  const raw = row[column.header];
  if (raw === null || raw === undefined) return null;
  switch (column.kind) {
    case 'count':
      return Number(raw);
    case 'money':
      // Opportunities carry no currency of their own (the location's): 2 decimals.
      return formatMoney(String(raw), column.currency === 'row' ? row.currency : '');
    case 'time':
      return (raw instanceof Date ? raw : new Date(String(raw))).toISOString();
    default:
      return String(raw);
  }
}

/**
 * A statement's row as a report row, column by column from the registry
 * (lib/metrics/locations-report-columns.ts): the entities it cannot read listed in `unavailable`,
 * money formatted for its currency, derived columns (win rate) computed from the others, and
 * `locationCurrency` only when the location's currency is known. Pure shaping, shared by
 * getLocationsReport and its test reference (lib/metrics/testing/locations-report-from-facts.ts),
 * which differ only in their SQL; the getLocationsReport tests check this shaping against
 * hand-written rows. Throws when the statement lacks a registry column.
 */
export function locationsReportRowFromSql(sql: LocationsReportSqlRow): LocationsReportRow {
  const unavailable: ReportEntity[] = [];
  if (!sql.contacts_ok) unavailable.push('contacts');
  if (!sql.opportunities_ok) unavailable.push('opportunities');
  if (!sql.transactions_ok) unavailable.push('transactions');
  if (!sql.subscriptions_ok) unavailable.push('subscriptions');
  const values: Partial<Record<ColumnKey, string | number | null>> = {};
  const columns: readonly LocationsReportColumn[] = LOCATIONS_REPORT_COLUMNS;
  for (const column of columns) if (!column.derive) values[column.key] = readValue(column, sql);
  const row = { ...values, unavailable } as LocationsReportRow;
  for (const column of columns) if (column.derive) values[column.key] = column.derive(row);
  const known = sql.location_currency ? { locationCurrency: sql.location_currency } : {};
  return { ...values, unavailable, ...known } as LocationsReportRow;
}
