'use client';

import Link from 'next/link';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { VisuallyHidden } from '@/components/ui/visually-hidden';
import { ENTITY_NAMES } from '@/lib/metrics/entity-labels';
import { formatPeriod } from '@/lib/metrics/format-report-value';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { groupReportRows, type LocationGroup } from '@/lib/metrics/group-report-rows';
import {
  LOCATIONS_REPORT_COLUMNS,
  type ColumnKey,
  type LocationsReportColumn,
} from '@/lib/metrics/locations-report-columns';
import {
  reportSearchParams,
  type ReportControls,
  type ReportRange,
} from '@/lib/metrics/report-range';
import { ColumnChooser } from './column-chooser';
import { MetricCell } from './metric-cell';
import { DEFAULT_SORT, nextSort, sortGroups, type SortState } from './sort-rows';
import styles from './dashboard.module.css';
import { TableScroll } from '@/components/ui/table-scroll';

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
/**
 * Columns a phone leaves out to show the metrics beside the pinned location: the time zone is on
 * the location's own page, and every amount carries its currency code.
 */
const PHONE_HIDDEN = new Set<ColumnKey>(['timezone', 'currency']);
/** The columns a nested currency row fills: its currency and its payments. */
const PER_CURRENCY_ROW = new Set<ColumnKey>(
  LOCATIONS_REPORT_COLUMNS.flatMap((column) =>
    column.key === 'currency' || ('total' in column && column.total === 'per-currency')
      ? [column.key]
      : [],
  ),
);
/**
 * More display rows than this are virtualized: only those near the viewport are rendered (and
 * measured as they appear: a long name or a badge may wrap a row to two lines).
 */
const VIRTUALIZE_AFTER = 150;
const ROW_HEIGHT = 40;

/** Runs of neighbouring value columns in the same band: one <col span> each. */
function columnGroups(columns: readonly LocationsReportColumn[]) {
  return columns.reduce<{ group: LocationsReportColumn['group']; span: number }[]>(
    (groups, column) => {
      const last = groups[groups.length - 1];
      if (last && last.group === column.group) last.span += 1;
      else groups.push({ group: column.group, span: 1 });
      return groups;
    },
    [],
  );
}

function cellClass(column: LocationsReportColumn): string | undefined {
  const base =
    column.kind === 'text' || column.kind === 'time'
      ? styles[`col_${column.kind}`]
      : styles.numeric;
  return PHONE_HIDDEN.has(column.key) ? `${base} ${styles.phoneHidden}` : base;
}

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
  const isName = column === NAME_COLUMN;
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      className={isName ? undefined : cellClass(column)}
      title={column.help}
      data-column={column.key}
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

/** A display row: a location (its main row), or one of its other currencies nested under it. */
type DisplayRow =
  | { kind: 'location'; group: LocationGroup }
  | { kind: 'currency'; group: LocationGroup; row: LocationsReportRow };

/** Each group's display rows, built once per report so a re-sort re-renders no unmoved row. */
function displayRowsOf(groups: readonly LocationGroup[]): Map<LocationGroup, DisplayRow[]> {
  return new Map(
    groups.map((group) => [
      group,
      [
        { kind: 'location' as const, group },
        ...group.nested.map((row) => ({ kind: 'currency' as const, group, row })),
      ],
    ]),
  );
}

function displayKey(item: DisplayRow): string {
  return item.kind === 'location'
    ? item.group.locationId
    : `${item.group.locationId}:${item.row.currency}`;
}

const Row = memo(function Row({
  item,
  columns,
  linkQuery,
  index,
  isVirtual,
  measure,
}: {
  item: DisplayRow;
  columns: readonly LocationsReportColumn[];
  /** The drill-down link's query: the same period, comparison and granularity. */
  linkQuery: string;
  index: number;
  isVirtual: boolean;
  measure?: (element: HTMLTableRowElement | null) => void;
}) {
  const { group } = item;
  const common = {
    'data-index': index,
    'aria-rowindex': isVirtual ? index + 2 : undefined,
    ref: measure,
  };
  if (item.kind === 'currency') {
    return (
      <tr {...common} data-location-id={group.locationId} data-currency={item.row.currency}>
        <th scope="row" className={`${styles.nameCell} ${styles.nestedName}`}>
          <VisuallyHidden>{item.row.locationName}, </VisuallyHidden>
          <span aria-hidden="true">↳ </span>
          payments in <span className={styles.currency}>{item.row.currency}</span>
        </th>
        {columns.map((column) => (
          <td key={column.key} className={cellClass(column)}>
            {PER_CURRENCY_ROW.has(column.key) ? (
              <MetricCell row={item.row} column={column} />
            ) : null}
          </td>
        ))}
      </tr>
    );
  }
  const row = group.main;
  return (
    <tr
      {...common}
      data-location-id={group.locationId}
      data-currency={row.currency}
      data-has-nested={group.nested.length > 0 || undefined}
    >
      <th scope="row" className={styles.nameCell}>
        <Link
          prefetch={false}
          href={`/locations/${encodeURIComponent(row.locationId)}?${linkQuery}`}
          className={`${styles.name} ${styles.nameLink}`}
        >
          {row.locationName}
        </Link>
        <PartialBadge row={row} />
      </th>
      {columns.map((column) => (
        <td key={column.key} className={cellClass(column)}>
          <MetricCell row={row} column={column} />
        </td>
      ))}
    </tr>
  );
});

/**
 * The roll-up table: one row per location (a location paid in several currencies gets its other
 * currencies' payments on rows nested under it), the columns the user chose (`ColumnChooser`,
 * stored per user), sortable by any column (aria-sort on the header, a button inside it; money
 * within one currency). The location name is the pinned row header, so each cell is announced
 * with its location and column; it links to the drill-down for the same period. Past
 * `VIRTUALIZE_AFTER` rows only those near the viewport are rendered (1,000 locations stay fast).
 */
export function LocationsTable({
  rows,
  range,
  controls,
  filterText,
  initialColumns,
}: {
  rows: readonly LocationsReportRow[];
  range: ReportRange;
  /** The page's comparison and granularity, kept on the links to the drill-down. */
  controls?: Partial<ReportControls>;
  filterText: string;
  /** The columns the user chose (registry keys); the page reads them from the database. */
  initialColumns: readonly ColumnKey[];
}) {
  const linkQuery = reportSearchParams(range, controls);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [chosen, setChosen] = useState<readonly ColumnKey[]>(initialColumns);
  const columns = useMemo(
    () => DATA_COLUMNS.filter((column) => chosen.includes(column.key)),
    [chosen],
  );
  const groups = useMemo(() => groupReportRows(rows), [rows]);
  const displayRows = useMemo(() => displayRowsOf(groups), [groups]);
  const display = useMemo(
    () => sortGroups(groups, sort).flatMap((group) => displayRows.get(group)!),
    [groups, displayRows, sort],
  );
  const sortedBy = TABLE_COLUMNS.find((column) => column.key === sort.column)?.label ?? '';

  const isVirtual = display.length > VIRTUALIZE_AFTER;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (isVirtual && body) setScrollMargin(body.getBoundingClientRect().top + window.scrollY);
  }, [isVirtual, display.length, chosen]);
  const virtualizer = useWindowVirtualizer({
    count: isVirtual ? display.length : 0,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => displayKey(display[index]!),
    overscan: 12,
    scrollMargin,
    initialRect: { width: 1440, height: 900 },
  });
  const items = isVirtual ? virtualizer.getVirtualItems() : [];
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? Math.max(0, first.start - scrollMargin) : 0;
  const padBottom = last ? Math.max(0, virtualizer.getTotalSize() - (last.end - scrollMargin)) : 0;
  const span = columns.length + 1;

  return (
    <>
      <ColumnChooser chosen={chosen} onChange={setChosen} />
      <TableScroll className={styles.tableScroll} labelledBy="locations-table-caption">
        <table
          className={styles.table}
          aria-rowcount={isVirtual ? display.length + 1 : undefined}
          data-virtual={isVirtual || undefined}
        >
          <caption id="locations-table-caption" className="sr-only">
            Locations report, {formatPeriod(range)}, each location&apos;s own calendar days, one row
            per location with its other currencies nested under it. Sorted by {sortedBy},{' '}
            {sort.direction === 'asc' ? 'ascending' : 'descending'}.
          </caption>
          <colgroup>
            <col />
            {columnGroups(columns).map(({ group, span: width }, index) => (
              <col key={`${group}-${index}`} span={width} className={GROUP_CLASS[group]} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={isVirtual ? 1 : undefined}>
              <SortHeader column={NAME_COLUMN} sort={sort} onSort={setSort} />
              {columns.map((column) => (
                <SortHeader key={column.key} column={column} sort={sort} onSort={setSort} />
              ))}
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {display.length === 0 ? (
              <tr>
                <td colSpan={span} className={styles.noMatch}>
                  No location matches “{filterText}”.
                </td>
              </tr>
            ) : isVirtual ? (
              <>
                {padTop > 0 ? (
                  <tr aria-hidden="true" className={styles.spacer}>
                    <td colSpan={span} style={{ height: padTop }} />
                  </tr>
                ) : null}
                {items.map((virtual) => (
                  <Row
                    key={virtual.key}
                    item={display[virtual.index]!}
                    columns={columns}
                    linkQuery={linkQuery}
                    index={virtual.index}
                    measure={virtualizer.measureElement}
                    isVirtual
                  />
                ))}
                {padBottom > 0 ? (
                  <tr aria-hidden="true" className={styles.spacer}>
                    <td colSpan={span} style={{ height: padBottom }} />
                  </tr>
                ) : null}
              </>
            ) : (
              display.map((item, index) => (
                <Row
                  key={displayKey(item)}
                  item={item}
                  columns={columns}
                  linkQuery={linkQuery}
                  index={index}
                  isVirtual={false}
                />
              ))
            )}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
