'use client';

import { memo, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { formatCount, formatPeriod } from '@/lib/metrics/format-report-value';
import { getBiggestMovers } from '@/lib/metrics/get-biggest-movers';
import type { ColumnKey } from '@/lib/metrics/locations-report-columns';
import { summarizeReport } from '@/lib/metrics/summarize-report';
import { BiggestMovers } from './biggest-movers';
import { ComparisonNameContext } from './change-note';
import { CsvDownloadLink } from './csv-download-link';
import { KpiCards } from './kpi-cards';
import { LocationsTable } from './locations-table';
import { PeriodPicker } from './period-picker';
import { ReportEmpty, ReportError, ReportSkeleton } from './report-states';
import { filterRows } from './sort-rows';
import { TrendCharts } from './trend-charts';
import { useReportRange } from './use-report-range';
import { useReportWithPrevious } from './use-report-with-previous';
import { FreshnessBanner } from './freshness-banner';
import styles from './dashboard.module.css';

/**
 * The most locations the charts are narrowed to by the name filter: each is a `location=` in the
 * series' URL, and a URL has to stay well under a server's 16 KB header limit. A wider filter
 * leaves the charts on every location, and the page says so.
 */
const MAX_CHART_FILTER_LOCATIONS = 200;

/**
 * The charts re-render only when their own props change: typing in the name filter re-renders
 * this view, and re-drawing the charts was most of a filter's time at 1,000 locations (profiled).
 */
const MemoTrendCharts = memo(TrendCharts);

/**
 * The agency roll-up: period, KPI cards (with the previous period), daily charts and the
 * locations table, from `GET /api/reports/locations` and `GET /api/reports/daily`
 * (prefetched by the page, so the first paint has data). While another period loads, the previous
 * one stays on screen, marked busy.
 */
export function DashboardView({
  today,
  seesAllLocations,
  staleAfterMinutes,
  tableColumns,
}: {
  today: string;
  seesAllLocations: boolean;
  /** A location not synced completely for longer is stale (the freshness banner). */
  staleAfterMinutes: number;
  /** The table columns the user chose (stored per user). */
  tableColumns: readonly ColumnKey[];
}) {
  const { range, setRange, controls, setControls } = useReportRange(today);
  const { query, previousQuery, previousRange, comparisonName, comparisonLabel } =
    useReportWithPrevious(range, {}, controls.comparison);
  const [filterText, setFilterText] = useState('');
  const deferredFilter = useDeferredValue(filterText);

  const rows = useMemo(() => query.data?.rows ?? [], [query.data]);
  const visible = useMemo(() => filterRows(rows, deferredFilter), [rows, deferredFilter]);
  const summary = useMemo(() => summarizeReport(visible), [visible]);
  // The previous period over the same locations: the name filter applies to both.
  const previousSummary = useMemo(
    () =>
      previousQuery.data
        ? summarizeReport(filterRows(previousQuery.data.rows, deferredFilter))
        : undefined,
    [previousQuery.data, deferredFilter],
  );
  const totalLocations = useMemo(() => new Set(rows.map((row) => row.locationId)).size, [rows]);
  const previousVisible = useMemo(
    () => (previousQuery.data ? filterRows(previousQuery.data.rows, deferredFilter) : undefined),
    [previousQuery.data, deferredFilter],
  );
  const movers = useMemo(
    () => (previousVisible ? getBiggestMovers(visible, previousVisible) : undefined),
    [visible, previousVisible],
  );
  // The name filter narrows the charts too (issue 13): the matching locations' ids, sorted.
  const isFiltered = deferredFilter.trim() !== '';
  const filteredIds = useMemo(
    () => [...new Set(visible.map((row) => row.locationId))].sort(),
    [visible],
  );
  const isChartFiltered = isFiltered && filteredIds.length <= MAX_CHART_FILTER_LOCATIONS;
  const chartScope = useMemo(
    () => (isChartFiltered ? { locationIds: filteredIds } : {}),
    [isChartFiltered, filteredIds],
  );
  const comparison = useMemo(
    () => (previousRange ? { range: previousRange, name: comparisonName } : undefined),
    [previousRange, comparisonName],
  );
  const isUpdating = query.isFetching && query.isPlaceholderData;

  let content: ReactNode;
  if (query.isPending) content = <ReportSkeleton />;
  else if (query.isError)
    content = <ReportError error={query.error} onRetry={() => void query.refetch()} />;
  else if (rows.length === 0) content = <ReportEmpty seesAllLocations={seesAllLocations} />;
  else {
    content = (
      <>
        <FreshnessBanner rows={visible} staleAfterMinutes={staleAfterMinutes} />
        {isFiltered ? (
          <p className={styles.compareNote} role="status" data-filter-scope>
            {isChartFiltered
              ? `Filtered by name: every figure on this page (cards, charts, movers and table) covers the ${formatCount(summary.locations)} of ${formatCount(totalLocations)} locations whose name matches.`
              : `Filtered by name: the cards, movers and table cover the ${formatCount(summary.locations)} of ${formatCount(totalLocations)} locations whose name matches; the charts cover all ${formatCount(totalLocations)} (a filter matching more than ${MAX_CHART_FILTER_LOCATIONS} locations is not applied to them).`}
          </p>
        ) : null}
        <KpiCards
          summary={summary}
          comparison={
            previousRange
              ? {
                  range: previousRange,
                  label: comparisonLabel,
                  summary: previousSummary,
                  isError: previousQuery.isError,
                }
              : undefined
          }
        />
        <MemoTrendCharts
          range={range}
          scope={chartScope}
          granularity={controls.granularity}
          comparison={comparison}
        />
        {comparison ? (
          <BiggestMovers
            movers={movers}
            comparison={comparison}
            isError={previousQuery.isError}
            range={range}
            controls={controls}
          />
        ) : null}
        <section className={`card ${styles.tableCard}`} aria-labelledby="locations-heading">
          <div className={styles.tableHead}>
            <div>
              <h2 id="locations-heading">Locations</h2>
              <p className={styles.tableMeta} role="status">
                {visible.length === rows.length
                  ? `${formatCount(totalLocations)} ${totalLocations === 1 ? 'location' : 'locations'}, other currencies nested under each`
                  : `Showing ${formatCount(summary.locations)} of ${formatCount(totalLocations)} locations`}
              </p>
            </div>
            <div className={styles.filter}>
              <label htmlFor="location-filter" className="label">
                Filter by name
              </label>
              <input
                id="location-filter"
                className="input"
                type="search"
                placeholder="e.g. Dental"
                value={filterText}
                onChange={(event) => setFilterText(event.target.value)}
                autoComplete="off"
              />
            </div>
          </div>
          <LocationsTable
            rows={visible}
            range={{ from: query.data.from, to: query.data.to }}
            controls={controls}
            filterText={deferredFilter}
            initialColumns={tableColumns}
          />
          <p className={styles.legend}>
            <span aria-hidden="true" className={styles.legendDash}>
              —
            </span>{' '}
            could not be read (not zero): <code>npm run cli -- status</code> shows why and how to
            fix it. Every amount carries its currency; won value and open pipeline are in each
            location&apos;s own currency.
          </p>
        </section>
      </>
    );
  }

  return (
    <main className={styles.page}>
      <div className={styles.pageHead}>
        <div>
          <h1>Agency roll-up</h1>
          <p className={styles.subtitle}>
            <span>{formatPeriod(range)}</span>
            <span aria-hidden="true"> · </span>
            <span>each location&apos;s own calendar days</span>
            {isUpdating ? (
              <span className={styles.updating} role="status">
                Updating…
              </span>
            ) : null}
          </p>
        </div>
        <CsvDownloadLink range={range} isDisabled={query.isPending || query.isError} />
      </div>
      <PeriodPicker
        range={range}
        today={today}
        onChange={setRange}
        controls={controls}
        onControlsChange={setControls}
      />
      <div className={styles.content} aria-busy={isUpdating || query.isPending}>
        <ComparisonNameContext.Provider value={comparisonName}>
          {content}
        </ComparisonNameContext.Provider>
      </div>
    </main>
  );
}
