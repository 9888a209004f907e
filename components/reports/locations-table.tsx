'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { VisuallyHidden } from '@/components/ui/visually-hidden';
import { ENTITY_NAMES } from '@/lib/metrics/entity-labels';
import { formatPeriod } from '@/lib/metrics/format-report-value';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import {
  LOCATIONS_REPORT_COLUMNS,
  type LocationsReportColumn,
} from '@/lib/metrics/locations-report-columns';
import { reportSearchParams, type ReportRange } from '@/lib/metrics/report-range';
import { MetricCell } from './metric-cell';
import { DEFAULT_SORT, nextSort, sortRows, type SortState } from './sort-rows';
import styles from './dashboard.module.css';

/** The registry's table columns: the location name (the row header), then the values. */
const TABLE_COLUMNS: readonly LocationsReportColumn[] = LOCATIONS_REPORT_COLUMNS.filter(
  (column) => column.isInTable,
);
const NAME_COLUMN = TABLE_COLUMNS.find((column) => column.key === 'locationName')!;
const DATA_COLUMNS = TABLE_COLUMNS.filter((column) => column !== NAME_COLUMN);
const GROUP_CLASS: Partial<Record<LocationsReportColumn['group'], string | undefined>> = {
  contacts: styles.groupContacts,
  opportunities: styles.groupOpportunities,
  payments: styles.groupPayments,
};
/** Runs of neighbouring value columns in the same band: one <col span> each. */
const COLUMN_GROUPS = DATA_COLUMNS.reduce<
  { group: LocationsReportColumn['group']; span: number }[]
>((groups, column) => {
  const last = groups[groups.length - 1];
  if (last && last.group === column.group) last.span += 1;
  else groups.push({ group: column.group, span: 1 });
  return groups;
}, []);

function SortHeader({
  column,
  sort,
  onSort,
}: {
  column: LocationsReportColumn;
  sort: SortState;
  onSort: (next: SortState) => void;
}) {
  const isSorted = sort.column === column.key;
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
        onClick={() => onSort(nextSort(sort, column.key))}
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
  const sortedBy = TABLE_COLUMNS.find((column) => column.key === sort.column)?.label ?? '';

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
          {COLUMN_GROUPS.map(({ group, span }, index) => (
            <col key={`${group}-${index}`} span={span} className={GROUP_CLASS[group]} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <SortHeader column={NAME_COLUMN} sort={sort} onSort={setSort} />
            {DATA_COLUMNS.map((column) => (
              <SortHeader key={column.key} column={column} sort={sort} onSort={setSort} />
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={TABLE_COLUMNS.length} className={styles.noMatch}>
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
                    key={column.key}
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
