'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { DailyBarChart } from '@/components/charts/daily-bar-chart';
import { LineTrendChart, type TrendSeries } from '@/components/charts/line-trend-chart';
import { Skeleton } from '@/components/ui/skeleton';
import {
  bucketSeries,
  DEFAULT_GRANULARITY,
  type BucketCountsPoint,
  type BucketedSeries,
  type Granularity,
  type SeriesBucket,
} from '@/lib/metrics/bucket-series';
import { compareToPrevious } from '@/lib/metrics/compare-to-previous';
import { groupDigits } from '@/lib/metrics/decimal';
import { formatBucket } from '@/lib/metrics/format-bucket';
import { formatMoney } from '@/lib/metrics/format-money';
import { formatCount, formatDay, formatPeriod } from '@/lib/metrics/format-report-value';
import type { ReportRange } from '@/lib/metrics/report-range';
import { summarizeCurrencySeries } from '@/lib/metrics/summarize-currency-series';
import { dailySeriesQueryOptions } from '@/lib/query/daily-series-query';
import type { ReportScope } from '@/lib/query/query-keys';
import { ReportError } from './report-states';
import styles from './dashboard.module.css';

const TREND_SERIES: readonly (TrendSeries & { one: string; many: string })[] = [
  {
    key: 'newContacts',
    label: 'New contacts',
    tableLabel: 'Contacts added',
    color: '#2c5cc5',
    one: 'new contact',
    many: 'new contacts',
  },
  {
    key: 'opportunitiesCreated',
    label: 'Opportunities created',
    color: '#d97706',
    one: 'opportunity created',
    many: 'opportunities created',
  },
];

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

const UNIT: Record<Granularity, string> = { day: 'day', week: 'week', month: 'month' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Where a bucket is, in a sentence: "on Oct 2, 2026", "in 2026-10-05 – 2026-10-11". */
function bucketPhrase(bucket: SeriesBucket, granularity: Granularity): string {
  return granularity === 'day'
    ? `on ${formatDay(bucket.from)}`
    : `in ${formatBucket(bucket, granularity)}`;
}

/** The axis label of a bucket: "Oct 5" for a day or a week (its first day), "Oct 2026" for a month. */
function bucketTick(bucket: SeriesBucket, granularity: Granularity): string | undefined {
  if (granularity !== 'month') return undefined; // the chart's own short day
  return `${MONTHS[Number(bucket.start.slice(5, 7)) - 1] ?? ''} ${bucket.start.slice(0, 4)}`;
}

/** "4 weeks, the first and the last partial": what a reader must know to read the bars. */
function bucketsNote(buckets: readonly SeriesBucket[], granularity: Granularity): string {
  if (granularity === 'day') return '';
  const partial = buckets.flatMap((bucket, i) =>
    bucket.isPartial ? [i === 0 ? 'the first' : 'the last'] : [],
  );
  const which =
    partial.length === 0
      ? ''
      : buckets.length === 1
        ? ', partial'
        : `, ${partial.join(' and ')} partial`;
  return ` in ${plural(buckets.length, UNIT[granularity])}${which}`;
}

const countTotal = (points: readonly BucketCountsPoint[], key: CountSeriesKey) => {
  const values = points.map((point) => point[key]);
  return values.every((value) => value === null)
    ? null
    : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
};

type CountSeriesKey = 'newContacts' | 'opportunitiesCreated';

function trendSummary(data: BucketedSeries): string {
  const days = data.counts.reduce((sum, point) => sum + point.bucket.days, 0);
  const parts: string[] = [];
  for (const series of TREND_SERIES) {
    const values = data.counts.map((point) => point[series.key as CountSeriesKey]);
    if (values.every((value) => value === null)) {
      parts.push(`${series.many}: unavailable`);
      continue;
    }
    const total = values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    let best = -1;
    values.forEach((value, i) => {
      if (value !== null && value > 0 && (best < 0 || value > (values[best] ?? 0))) best = i;
    });
    const peak =
      best >= 0
        ? ` (most ${bucketPhrase(data.counts[best]!.bucket, data.granularity)}: ${formatCount(values[best] ?? 0)})`
        : '';
    parts.push(`${plural(total, series.one, series.many)}${peak}`);
  }
  return `Over ${plural(days, 'day')}${bucketsNote(
    data.counts.map((point) => point.bucket),
    data.granularity,
  )}: ${parts.join('; ')}.`;
}

/** "+3 vs 1" for a figure against the comparison ("unavailable" when either side is). */
function versus(current: number | string | null, previous: number | string | null): string {
  const change = compareToPrevious(current, previous);
  if (!change.isAvailable) return 'no comparison (unavailable)';
  const delta = change.delta.startsWith('-')
    ? `−${groupDigits(change.delta.slice(1))}`
    : `+${groupDigits(change.delta)}`;
  return change.direction === 'flat'
    ? `no change vs ${groupDigits(change.previous)}`
    : `${delta} vs ${groupDigits(change.previous)}`;
}

/** A chart's comparison in one line, or null when there is none to show. */
function comparisonLine(
  comparison: TrendComparison | undefined,
  data: BucketedSeries | undefined,
  text: (before: BucketedSeries) => string,
): string | null {
  if (!comparison) return null;
  const where = `${comparison.name[0]!.toUpperCase()}${comparison.name.slice(1)} (${formatPeriod(comparison.range)})`;
  if (comparison.isError) return `${where}: could not be loaded.`;
  if (!data) return `${where}: loading…`;
  return `${where}: ${text(data)}.`;
}

/** The period the charts are compared with, and its name ("the same period last year"). */
export type TrendComparison = { range: ReportRange; name: string; isError?: boolean };

function exclusionNote(count: number, total: number, what: string): string | null {
  if (count === 0 || total === 0) return null;
  if (count === total)
    return `${what[0]!.toUpperCase()}${what.slice(1)} could not be read for any location shown.`;
  return `Excludes ${plural(count, 'location')} whose ${what} could not be read.`;
}

/**
 * The dashboard's and the drill-down's charts, from `GET /api/reports/daily` (dense days from the
 * server), grouped by day, week (Monday to Sunday) or month in the browser (`bucketSeries`): new
 * contacts and opportunities created, and net payments in one currency at a time (a selector when
 * there are several); with a comparison, each chart says its totals against the comparison
 * period's. `scope.locationIds` of [] means no location matches (nothing is asked for). Owns its
 * loading, empty and error states.
 */
export function TrendCharts({
  range,
  scope = {},
  scopeNote,
  granularity = DEFAULT_GRANULARITY,
  comparison,
}: {
  range: ReportRange;
  scope?: ReportScope;
  scopeNote?: string;
  granularity?: Granularity;
  comparison?: TrendComparison;
}) {
  const isEmptyScope = scope.locationIds !== undefined && scope.locationIds.length === 0;
  const query = useQuery({
    ...dailySeriesQueryOptions(range, scope),
    placeholderData: keepPreviousData,
    enabled: !isEmptyScope,
  });
  const comparisonQuery = useQuery({
    ...dailySeriesQueryOptions(comparison?.range ?? range, scope),
    enabled: comparison !== undefined && !isEmptyScope,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const data = useMemo(
    () => (query.data ? bucketSeries(query.data, granularity) : undefined),
    [query.data, granularity],
  );
  const before = useMemo(
    () =>
      comparison && comparisonQuery.data ? bucketSeries(comparisonQuery.data, 'day') : undefined,
    [comparison, comparisonQuery.data],
  );
  const compared = comparison && { ...comparison, isError: comparisonQuery.isError };
  const unit = UNIT[granularity];
  const rowHeader = `${unit[0]!.toUpperCase()}${unit.slice(1)}`;
  const currencies = useMemo(() => data?.currencies ?? [], [data]);
  // Until one is chosen: the currency with the most payments in the period (then by code).
  const busiest = useMemo(() => {
    const paid = (points: readonly { paymentsCount: number }[]) =>
      points.reduce((sum, p) => sum + p.paymentsCount, 0);
    return [...currencies].sort((a, b) => paid(b.points) - paid(a.points))[0];
  }, [currencies]);
  const current = currencies.find((c) => c.currency === chosen) ?? busiest;

  let body: ReactNode;
  if (isEmptyScope) {
    body = <p className={styles.chartEmpty}>No location matches the filter: nothing to chart.</p>;
  } else if (query.isPending) {
    body = (
      <div className={styles.chartsGrid} role="status">
        <span className="sr-only">Loading the charts…</span>
        {[0, 1].map((i) => (
          <div key={i} className={`card ${styles.chartCard}`}>
            <Skeleton width="40%" height={16} />
            <Skeleton height={220} style={{ marginTop: 14 }} />
          </div>
        ))}
      </div>
    );
  } else if (query.isError) {
    body = <ReportError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (data === undefined || data.locations === 0) {
    body = null; // the report's own empty state already explains it
  } else {
    const trendNotes = [
      exclusionNote(data.excluded.contacts, data.locations, 'contacts'),
      exclusionNote(data.excluded.opportunities, data.locations, 'opportunities'),
    ].filter(Boolean);
    const paymentsNote = exclusionNote(data.excluded.transactions, data.locations, 'payments');
    const summary = summarizeCurrencySeries(current?.points ?? []);
    const { net, paymentsCount: count } = summary;
    // The best day, week or month: the bucket with the highest positive net.
    const bestDay = summary.bestDay
      ? current?.points.find((point) => point.day === summary.bestDay?.day)
      : undefined;
    const leadsComparison = comparisonLine(compared, before, (b) =>
      TREND_SERIES.map(
        (series) =>
          `${series.many} ${versus(
            countTotal(data.counts, series.key as CountSeriesKey),
            countTotal(b.counts, series.key as CountSeriesKey),
          )}`,
      ).join('; '),
    );
    const netComparison =
      current &&
      comparisonLine(compared, before, (b) => {
        const earlier = b.currencies.find((c) => c.currency === current.currency);
        const previousNet = earlier
          ? summarizeCurrencySeries(earlier.points).net
          : formatMoney('0', current.currency);
        return `net ${current.currency} ${versus(
          formatMoney(net, current.currency),
          formatMoney(previousNet, current.currency),
        )}`;
      });
    body = (
      <div className={styles.chartsGrid}>
        <section className={`card ${styles.chartCard}`}>
          <LineTrendChart
            id="trend-leads"
            title={`New contacts and opportunities per ${unit}`}
            summary={trendSummary(data)}
            series={TREND_SERIES}
            rowHeader={rowHeader}
            points={data.counts.map((p) => ({
              day: p.day,
              label: granularity === 'day' ? undefined : formatBucket(p.bucket, granularity),
              tick: bucketTick(p.bucket, granularity),
              values: { newContacts: p.newContacts, opportunitiesCreated: p.opportunitiesCreated },
            }))}
          />
          {leadsComparison ? (
            <p className={styles.chartNote} data-comparison="leads">
              {leadsComparison}
            </p>
          ) : null}
          {trendNotes.map((note) => (
            <p key={note} className={styles.chartNote}>
              {note}
            </p>
          ))}
        </section>
        <section className={`card ${styles.chartCard}`}>
          {current ? (
            <DailyBarChart
              id="trend-net"
              title={`Net payments per ${unit} (${current.currency})`}
              summary={`${groupDigits(formatMoney(net, current.currency))} ${current.currency} net over ${plural(
                current.points.reduce((sum, p) => sum + p.bucket.days, 0),
                'day',
              )}${bucketsNote(
                current.points.map((p) => p.bucket),
                granularity,
              )} from ${plural(count, 'payment')}${
                bestDay
                  ? `; best ${unit} ${
                      granularity === 'day'
                        ? formatDay(bestDay.day)
                        : formatBucket(bestDay.bucket, granularity)
                    }: ${groupDigits(bestDay.net)}`
                  : ''
              }.`}
              valueLabel={`Net ${current.currency}`}
              rowHeader={rowHeader}
              points={current.points.map((p) => ({
                day: p.day,
                value: p.net,
                label: granularity === 'day' ? undefined : formatBucket(p.bucket, granularity),
                tick: bucketTick(p.bucket, granularity),
              }))}
              formatValue={groupDigits}
              controls={
                currencies.length > 1 ? (
                  <label className={styles.chartSelect}>
                    Currency
                    <select
                      value={current.currency}
                      onChange={(event) => setChosen(event.target.value)}
                    >
                      {currencies.map((c) => (
                        <option key={c.currency} value={c.currency}>
                          {c.currency}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : null
              }
            />
          ) : (
            <>
              <h3 className={styles.subheading}>Net payments per {unit}</h3>
              <p className={styles.chartEmpty}>
                {data.excluded.transactions === data.locations
                  ? 'Payments could not be read for any location shown.'
                  : 'No payments in this period.'}
              </p>
            </>
          )}
          {netComparison ? (
            <p className={styles.chartNote} data-comparison="net">
              {netComparison}
            </p>
          ) : null}
          {paymentsNote && current ? <p className={styles.chartNote}>{paymentsNote}</p> : null}
          {currencies.length > 1 ? (
            <p className={styles.compareNote}>
              Paid in {plural(currencies.length, 'currency', 'currencies')}; each is charted on its
              own, never added up.
            </p>
          ) : null}
        </section>
      </div>
    );
  }

  return (
    <section aria-labelledby="trends-heading" className={styles.kpiSection}>
      <h2 id="trends-heading" className={styles.subheading}>
        {granularity === 'day' ? 'Daily' : granularity === 'week' ? 'Weekly' : 'Monthly'} trends
      </h2>
      {scopeNote ? <p className={styles.compareNote}>{scopeNote}</p> : null}
      {body}
    </section>
  );
}
