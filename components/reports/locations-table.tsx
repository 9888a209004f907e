'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { VisuallyHidden } from '@/components/ui/visually-hidden';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { reportSearchParams, type ReportRange } from '@/lib/metrics/report-range';
import { formatPeriod } from '@/lib/metrics/format-report-value';
import { MetricCell } from './metric-cell';
import { ENTITY_NAMES, REPORT_COLUMNS, type ReportColumn } from './report-columns';
import { DEFAULT_SORT, nextSort, sortRows, type SortState } from './sort-rows';
import styles from './dashboard.module.css';

const DATA_COLUMNS = REPORT_COLUMNS.filter((column) => column.id !== 'locationName');
const NAME_COLUMN = REPORT_COLUMNS[0]!;

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: ReportColumn;
  sort: SortState;
  onSort: (next: SortState) => void;
}) {
  const isSorted = sort.column === column.id;
  const ariaSort = isSorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
  const isNumeric = column.kind !== 'text' && column.kind !== 'time';
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={isNumeric ? styles.numeric : undefined}
      title={column.help}
    >
      <button
        type="button"
        className={styles.sortButton}
        onClick={() => onSort(nextSort(sort, column.id))}
      >
        {column.label}
        <span className={styles.sortIcon} aria-hidden="true" data-active={isSorted || undefined}>
          {isSorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function PartialBadge({ row }: { row: LocationsReportRow }) {
  if (row.unavailable.length === 0) return null;
  const what = row.unavailable.map((entity) => ENTITY_NAMES[entity]).join(', ');
  const message = `Partial data: ${what} could not be read. Run npm run cli -- status to see why.`;
  return (
    <span className="badge badge-warning" title={message}>
      <span aria-hidden="true">Partial</span>
      <VisuallyHidden>{message}</VisuallyHidden>
    </span>
  );
}

/**
 * The roll-up table: one row per location and currency, every column of the locations report,
 * sortable by any column (aria-sort on the header, a button inside it). The location name is the
 * row header, so each cell is announced with its location and column; it links to the location's
 * drill-down page for the same period.
 */
export function LocationsTable({
  rows,
  range,
  filterText,
}: {
  rows: readonly LocationsReportRow[];
  range: ReportRange;
  filterText: string;
}) {
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const sortedBy = REPORT_COLUMNS.find((column) => column.id === sort.column)?.label ?? '';

  return (
    <div
      className={styles.tableScroll}
      tabIndex={0}
      role="region"
      aria-labelledby="locations-table-caption"
    >
      <table className={styles.table}>
        <caption id="locations-table-caption" className="sr-only">
          Locations report, {formatPeriod(range)}, each location&apos;s own calendar days. Sorted by{' '}
          {sortedBy}, {sort.direction === 'asc' ? 'ascending' : 'descending'}.
        </caption>
        <colgroup>
          <col />
          <col span={2} />
          <col span={2} className={styles.groupContacts} />
          <col span={6} className={styles.groupOpportunities} />
          <col span={4} className={styles.groupPayments} />
          <col span={2} />
        </colgroup>
        <thead>
          <tr>
            <SortHeader column={NAME_COLUMN} sort={sort} onSort={setSort} />
            {DATA_COLUMNS.map((column) => (
              <SortHeader key={column.id} column={column} sort={sort} onSort={setSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={REPORT_COLUMNS.length} className={styles.noMatch}>
                No location matches “{filterText}”.
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <tr key={`${row.locationId}:${row.currency}`} data-location-id={row.locationId}>
                <th scope="row" className={styles.nameCell}>
                  <Link
                    prefetch={false}
                    href={`/locations/${encodeURIComponent(row.locationId)}?${reportSearchParams(range)}`}
                    className={`${styles.name} ${styles.nameLink}`}
                  >
                    {row.locationName}
                  </Link>
                  <PartialBadge row={row} />
                </th>
                {DATA_COLUMNS.map((column) => (
                  <td
                    key={column.id}
                    className={
                      column.kind === 'text' || column.kind === 'time'
                        ? styles[`col_${column.kind}`]
                        : styles.numeric
                    }
                  >
                    <MetricCell row={row} column={column} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
