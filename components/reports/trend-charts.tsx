'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { DailyBarChart } from '@/components/charts/daily-bar-chart';
import { LineTrendChart, type TrendSeries } from '@/components/charts/line-trend-chart';
import { Skeleton } from '@/components/ui/skeleton';
import { groupDigits } from '@/lib/metrics/decimal';
import { formatCount, formatDay } from '@/lib/metrics/format-report-value';
import type { DailySeriesResult } from '@/lib/metrics/get-daily-series';
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

function trendSummary(data: DailySeriesResult): string {
  const days = data.counts.length;
  const parts: string[] = [];
  for (const series of TREND_SERIES) {
    const values = data.counts.map(
      (point) => point[series.key as 'newContacts' | 'opportunitiesCreated'],
    );
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
        ? ` (most on ${formatDay(data.counts[best]!.day)}: ${formatCount(values[best] ?? 0)})`
        : '';
    parts.push(`${plural(total, series.one, series.many)}${peak}`);
  }
  return `Over ${plural(days, 'day')}: ${parts.join('; ')}.`;
}

function exclusionNote(count: number, total: number, what: string): string | null {
  if (count === 0 || total === 0) return null;
  if (count === total)
    return `${what[0]!.toUpperCase()}${what.slice(1)} could not be read for any location shown.`;
  return `Excludes ${plural(count, 'location')} whose ${what} could not be read.`;
}

/**
 * The dashboard's and the drill-down's charts, from `GET /api/reports/daily` (dense days from the
 * server): new contacts and opportunities created per day, and net payments per day in one
 * currency at a time (a selector when there are several). Owns its loading, empty and error states.
 */
export function TrendCharts({
  range,
  scope = {},
  scopeNote,
}: {
  range: ReportRange;
  scope?: ReportScope;
  scopeNote?: string;
}) {
  const query = useQuery({
    ...dailySeriesQueryOptions(range, scope),
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const data = query.data;
  const currencies = useMemo(() => data?.currencies ?? [], [data]);
  // Until one is chosen: the currency with the most payments in the period (then by code).
  const busiest = useMemo(() => {
    const paid = (points: readonly { paymentsCount: number }[]) =>
      points.reduce((sum, p) => sum + p.paymentsCount, 0);
    return [...currencies].sort((a, b) => paid(b.points) - paid(a.points))[0];
  }, [currencies]);
  const current = currencies.find((c) => c.currency === chosen) ?? busiest;

  let body: ReactNode;
  if (query.isPending) {
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
    const { net, paymentsCount: count, bestDay } = summarizeCurrencySeries(current?.points ?? []);
    body = (
      <div className={styles.chartsGrid}>
        <section className={`card ${styles.chartCard}`}>
          <LineTrendChart
            id="trend-leads"
            title="New contacts and opportunities per day"
            summary={trendSummary(data)}
            series={TREND_SERIES}
            points={data.counts.map((p) => ({
              day: p.day,
              values: { newContacts: p.newContacts, opportunitiesCreated: p.opportunitiesCreated },
            }))}
          />
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
              title={`Net payments per day (${current.currency})`}
              summary={`${groupDigits(net)} ${current.currency} net over ${plural(current.points.length, 'day')} from ${plural(count, 'payment')}${
                bestDay ? `; best day ${formatDay(bestDay.day)}: ${groupDigits(bestDay.net)}` : ''
              }.`}
              valueLabel={`Net ${current.currency}`}
              points={current.points.map((p) => ({ day: p.day, value: p.net }))}
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
              <h3 className={styles.subheading}>Net payments per day</h3>
              <p className={styles.chartEmpty}>
                {data.excluded.transactions === data.locations
                  ? 'Payments could not be read for any location shown.'
                  : 'No payments in this period.'}
              </p>
            </>
          )}
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
        Daily trends
      </h2>
      {scopeNote ? <p className={styles.compareNote}>{scopeNote}</p> : null}
      {body}
    </section>
  );
}
